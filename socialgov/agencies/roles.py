"""The roles people hold in an agency, in the policies' own words."""

from django.db import models


class Role(models.TextChoices):
    AGENCY_ADMIN = "agency_admin", "Agency administrator (socialgov)"
    AGENCY_HEAD = "agency_head", "Agency head / executive director"
    DEPARTMENT_HEAD = "department_head", "Department head"
    CIO = "cio", "CIO/CTO"
    CISO = "ciso", "Chief information security officer (CISO)"
    DISO = "diso", "Department information security officer (DISO)"
    COMMUNICATIONS_DIRECTOR = "communications_director", "Communications director"
    PIO = "pio", "Public information officer (PIO)"
    WEB_CONTENT_TEAM = "web_content_team", "Web and content team"
    ACCOUNT_ADMINISTRATOR = "account_administrator", "Account administrator"
    MODERATOR = "moderator", "Moderator"
    RECORDS_OFFICER = "records_officer", "Records officer (records custodian)"
    LEGAL_COUNSEL = "legal_counsel", "Legal counsel"
    EMPLOYEE = "employee", "Employee"
    AUDITOR = "auditor", "Auditor (read-only)"


class EmploymentType(models.TextChoices):
    """KY-12: the policy applies to all of these."""

    EMPLOYEE = "employee", "Employee"
    CONTRACTOR = "contractor", "Contractor"
    CONSULTANT = "consultant", "Consultant"
    TEMPORARY = "temporary", "Temporary"
    VOLUNTEER = "volunteer", "Volunteer"


class DesignationKind(models.TextChoices):
    ACCESS_APPROVER = "access_approver", "Access approver (LAC-02)"
    CONTENT_MODERATOR = "content_moderator", "Content moderator and administrator (LAC-03)"


DESIGNATION_HELP = {
    DesignationKind.ACCESS_APPROVER: "Approves and maintains access to the department's social media accounts.",
    DesignationKind.CONTENT_MODERATOR: "Moderates and administers the content of the department's accounts.",
}
