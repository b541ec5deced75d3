"""The categories, each defined once, with the requirement it comes from.

A label is what a finding says about a span of text. Categories group labels
the way the policies do (LCCS-09's "spam or links to other sites" is one
category with two labels). Requirement IDs are those of REQUIREMENTS.md.
"""

from __future__ import annotations

from dataclasses import dataclass

NORMAL = "normal"
URGENT = "urgent"


@dataclass(frozen=True, slots=True)
class Label:
    key: str
    category: str
    title: str
    requirements: tuple[str, ...]
    description: str
    severity: str = NORMAL


def _labels(*labels: Label) -> dict[str, Label]:
    return {label.key: label for label in labels}


PII_TYPES: dict[str, str] = {
    "pii.ssn": "Social Security number",
    "pii.phone": "phone number",
    "pii.email": "email address",
    "pii.address": "postal address",
    "pii.date_of_birth": "date of birth",
    "pii.driver_license": "driver's licence number",
    "pii.credit_card": "payment card number",
    "pii.bank_account": "bank account or routing number",
    "pii.ip_address": "IP address",
    "pii.person_name": "person's name",
}

LABELS: dict[str, Label] = _labels(
    Label("confidential_case_info", "confidential_case_info", "Case-specific or other confidential information",
          ("LCCS-09", "DCFS-01", "KY-05"),
          "A case, file or docket number, or a person's case details (placement, custody, health, drug tests)."),
    Label("harmful_to_clients", "harmful_to_clients", "Information which may be harmful to clients",
          ("LCCS-09",),
          "Exposes or disparages children and families served: where a child is, that a family's children "
          "were removed, stigmatising claims about a client."),
    Label("harmful_to_staff", "harmful_to_staff", "Information personally or professionally harmful to staff",
          ("LCCS-09",),
          "A staff member named or singled out with an accusation, or their home address or personal details."),
    Label("spam", "spam_or_links", "Spam", ("LCCS-09",),
          "Reads like comment spam: self-promotion, money-making offers, giveaways, engagement bait."),
    Label("external_link", "spam_or_links", "Link to another site", ("LCCS-09", "LAC-05"),
          "A link to a site outside the agency's allowed domains."),
    Label("off_topic", "off_topic", "Clearly off topic", ("LCCS-09",),
          "A substantial comment sharing nothing with the account's purpose and topics."),
    Label("illegal_activity", "illegal_activity", "Support or advocacy of illegal activity", ("LCCS-09", "KY-07"),
          "Offers, urges or explains an illegal act (selling drugs, fake documents, evading a court order)."),
    Label("promotion", "promotion", "Promotion of services, products or political organizations",
          ("LCCS-09", "DCFS-05", "LCCS-03"),
          "Advertises a business, product or service, or campaigns for a candidate, party or political group."),
    Label("copyright", "copyright", "Copyright or trademark infringement", ("LCCS-09", "KY-08"),
          "Pirated copies or counterfeit goods: free full downloads, torrents, 'no copyright intended', replicas."),
    *(Label(key, "pii", f"Personally identifiable information: {title}", ("LCCS-09", "KY-05"),
            f"A {title} in the text.") for key, title in PII_TYPES.items()),
    Label("vulgarity", "vulgarity", "Vulgar language", ("LCCS-11", "DCFS-03"),
          "Profanity or obscene words, including common disguised spellings."),
    Label("personal_attack", "personal_attack", "Personal attack", ("LCCS-11", "DCFS-03"),
          "An insult or abuse aimed at a person (you, he/she, a named person)."),
    Label("hate", "hate", "Offensive content targeting an ethnic, racial or religious group", ("LCCS-11", "DCFS-03"),
          "A slur, or a group named together with dehumanising or hostile words."),
    Label("threat", "threat", "Threat", ("DCFS-03",),
          "A statement of intent to harm a person, a group or a building."),
    Label("federal_tax_info", "federal_tax_info", "Federal Tax Information", ("KY-09",),
          "Tax return data: EIN or ITIN with tax context, return forms (1040, W-2, 1099) or IRS matters with amounts."),
    Label("litigation", "litigation", "Litigation or potential litigation", ("KY-06",),
          "Lawsuits, threats to sue, attorneys acting for a party, case captions and docket numbers."),
    Label("child_abuse_report", "child_abuse_report", "Possible report of child abuse or neglect",
          ("LCCS-10", "LCCS-09"),
          "The page does not accept such reports: escalate at once to the PIO and designee, who follow the "
          "hotline procedure. Never remove it silently.",
          severity=URGENT),
)

CATEGORIES: dict[str, tuple[str, ...]] = {}
for _label in LABELS.values():
    CATEGORIES.setdefault(_label.category, ())
    CATEGORIES[_label.category] += (_label.key,)


def label_severity(key: str) -> str:
    label = LABELS.get(key)
    return label.severity if label else NORMAL
