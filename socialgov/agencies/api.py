"""Read API for agencies, departments, people and memberships (same selectors as the UI)."""

from __future__ import annotations

from rest_framework import serializers

from socialgov.agencies import selectors
from socialgov.agencies.models import Agency, Department, Membership, Person
from socialgov.core.api import VisibleReadOnlyViewSet


class AgencySerializer(serializers.ModelSerializer):
    class Meta:
        model = Agency
        fields = ["id", "name", "slug", "short_name", "website", "created_at"]


class DepartmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Department
        fields = ["id", "agency", "parent", "name", "slug", "created_at"]


class PersonSerializer(serializers.ModelSerializer):
    username = serializers.CharField(source="user.username", default=None, read_only=True)

    class Meta:
        model = Person
        fields = ["id", "agency", "full_name", "email", "title", "employment_type", "department",
                  "supervisor", "active", "left_at", "username"]


class MembershipSerializer(serializers.ModelSerializer):
    class Meta:
        model = Membership
        fields = ["id", "person", "agency", "department", "role", "started_at", "ended_at"]



class AgencyViewSet(VisibleReadOnlyViewSet):
    serializer_class = AgencySerializer
    selector = staticmethod(selectors.agencies_visible_to)


class DepartmentViewSet(VisibleReadOnlyViewSet):
    serializer_class = DepartmentSerializer
    selector = staticmethod(selectors.departments_visible_to)


class PersonViewSet(VisibleReadOnlyViewSet):
    serializer_class = PersonSerializer
    selector = staticmethod(selectors.people_visible_to)


class MembershipViewSet(VisibleReadOnlyViewSet):
    serializer_class = MembershipSerializer
    selector = staticmethod(selectors.memberships_visible_to)


ROUTES = [
    ("agencies", AgencyViewSet, "api-agency"),
    ("departments", DepartmentViewSet, "api-department"),
    ("people", PersonViewSet, "api-person"),
    ("memberships", MembershipViewSet, "api-membership"),
]
