from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from socialgov.agencies.roles import DesignationKind, EmploymentType, Role


class Agency(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    short_name = models.CharField(max_length=40, blank=True)
    website = models.URLField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="departments")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=60)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "slug"], name="department_slug_unique_in_agency"),
            models.UniqueConstraint(fields=["agency", "parent", "name"], name="department_name_unique_in_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    def ancestor_ids(self) -> list[int]:
        ids, node = [], self.parent
        while node is not None:
            ids.append(node.pk)
            node = node.parent
        return ids


class Person(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="people")
    user = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="person")
    full_name = models.CharField(max_length=200)
    email = models.EmailField()
    title = models.CharField(max_length=200, blank=True)
    employment_type = models.CharField(max_length=20, choices=EmploymentType.choices,
                                       default=EmploymentType.EMPLOYEE)
    department = models.ForeignKey(Department, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="people")
    supervisor = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="reports")
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["full_name"]
        constraints = [models.UniqueConstraint(fields=["agency", "email"], name="person_email_unique_in_agency")]

    def __str__(self) -> str:
        return self.full_name


class MembershipQuerySet(models.QuerySet):
    def current(self) -> MembershipQuerySet:
        return self.filter(ended_at__isnull=True)


class Membership(models.Model):
    """A role a person holds, agency-wide (no department) or in one department and those below it."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="memberships")
    department = models.ForeignKey(Department, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="memberships")
    role = models.CharField(max_length=40, choices=Role.choices)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["role", "started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "role"], condition=Q(ended_at__isnull=True, department__isnull=True),
                name="membership_one_current_agency_wide_role"),
            models.UniqueConstraint(
                fields=["person", "role", "department"],
                condition=Q(ended_at__isnull=True, department__isnull=False),
                name="membership_one_current_department_role"),
        ]

    def __str__(self) -> str:
        scope = self.department.name if self.department_id else self.agency.name
        return f"{self.person} — {self.get_role_display()} ({scope})"


class DesignationQuerySet(models.QuerySet):
    def current(self) -> DesignationQuerySet:
        return self.filter(ended_at__isnull=True)


class Designation(models.Model):
    """LAC-02/LAC-03: the one party a department designates for access and for content.

    The database allows one current holder per department and kind; ended rows are the history
    of who held it when."""

    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="designations")
    kind = models.CharField(max_length=30, choices=DesignationKind.choices)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="designations")
    designated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=500, blank=True)
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = DesignationQuerySet.as_manager()

    class Meta:
        ordering = ["department", "kind", "-started_at"]
        constraints = [
            models.UniqueConstraint(fields=["department", "kind"], condition=Q(ended_at__isnull=True),
                                    name="designation_one_current_holder"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.person} ({self.department})"
