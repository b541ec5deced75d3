from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from socialgov.agencies import selectors, services
from socialgov.agencies.forms import (
    AgencyForm,
    DeactivateForm,
    DepartmentForm,
    DesignationForm,
    MembershipForm,
    NewPersonForm,
    PersonForm,
    SetPasswordForm,
)
from socialgov.agencies.models import Department, Membership, Person
from socialgov.agencies.roles import DESIGNATION_HELP, DesignationKind
from socialgov.core.forms_util import add_service_errors
from socialgov.policies.selectors import pack_in_force


def agency_view(perm: str):
    """Load the agency named in the URL from what the user may see (404 otherwise) and
    refuse (403) unless the user holds ``perm`` on it."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, slug: str, *args, **kwargs) -> HttpResponse:
            agency = get_object_or_404(selectors.agencies_visible_to(request.user), slug=slug)
            if not request.user.has_perm(perm, agency):
                raise PermissionDenied
            return view(request, agency, *args, **kwargs)

        return wrapper

    return decorator


@login_required
def agency_list(request: HttpRequest) -> HttpResponse:
    agencies = selectors.agencies_visible_to(request.user)
    if not request.user.is_superuser and agencies.count() == 1:
        return redirect("agency-detail", agencies.get().slug)
    return render(request, "agencies/agency_list.html", {"agencies": agencies})


@login_required
def agency_create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("agencies.add_agency"):
        raise PermissionDenied
    form = AgencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            agency = services.agency_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"{agency.name} added. Add its departments and people next.")
            return redirect("agency-detail", agency.slug)
    return render(request, "agencies/agency_form.html", {"form": form})


@agency_view("agencies.view_agency")
def agency_detail(request: HttpRequest, agency) -> HttpResponse:
    designations = selectors.current_designations(agency)
    tree = [(dept, depth, [designations.get((dept.pk, kind)) for kind in DesignationKind.values])
            for dept, depth in selectors.department_tree(agency)]
    return render(request, "agencies/agency_detail.html", {
        "agency": agency, "tree": tree, "kinds": DesignationKind.choices,
        "gaps": selectors.designation_gaps(agency), "pack": pack_in_force(agency),
        "can_manage": request.user.has_perm("agencies.manage_structure", agency),
    })


@agency_view("agencies.manage_structure")
def department_create(request: HttpRequest, agency) -> HttpResponse:
    form = DepartmentForm(request.POST or None, agency=agency, initial={"parent": request.GET.get("parent")})
    if request.method == "POST" and form.is_valid():
        try:
            dept = services.department_create(actor=request.user, agency=agency, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Department “{dept.name}” added.")
            return redirect("department-detail", agency.slug, dept.pk)
    return render(request, "agencies/department_form.html", {"agency": agency, "form": form, "department": None})


@agency_view("agencies.view_agency")
def department_detail(request: HttpRequest, agency, pk: int) -> HttpResponse:
    dept = get_object_or_404(Department.objects.filter(agency=agency), pk=pk)
    history = dept.designations.select_related("person", "designated_by").order_by("kind", "-started_at")
    current = {d.kind: d for d in history if d.ended_at is None}
    return render(request, "agencies/department_detail.html", {
        "agency": agency, "department": dept,
        "designations": [(value, label, DESIGNATION_HELP[value], current.get(value))
                         for value, label in DesignationKind.choices],
        "history": history,
        "members": dept.memberships.current().select_related("person"),
        "children": dept.children.all(),
        "can_manage": request.user.has_perm("agencies.manage_structure", agency),
        "can_designate": request.user.has_perm("agencies.designate", dept),
        "designation_form": DesignationForm(agency=agency),
    })


@agency_view("agencies.manage_structure")
def department_edit(request: HttpRequest, agency, pk: int) -> HttpResponse:
    dept = get_object_or_404(Department.objects.filter(agency=agency), pk=pk)
    form = DepartmentForm(request.POST or None, agency=agency,
                          initial={"name": dept.name, "parent": dept.parent_id})
    if request.method == "POST" and form.is_valid():
        try:
            services.department_update(actor=request.user, department=dept, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Department saved.")
            return redirect("department-detail", agency.slug, dept.pk)
    return render(request, "agencies/department_form.html", {"agency": agency, "form": form, "department": dept})


@require_POST
@agency_view("agencies.view_agency")
def department_designate(request: HttpRequest, agency, pk: int) -> HttpResponse:
    dept = get_object_or_404(Department.objects.filter(agency=agency), pk=pk)
    if not request.user.has_perm("agencies.designate", dept):
        raise PermissionDenied
    form = DesignationForm(request.POST, agency=agency)
    if form.is_valid():
        try:
            services.designation_assign(actor=request.user, department=dept, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
    if form.errors:
        messages.error(request, "Not designated: " + "; ".join(
            str(e) for errors in form.errors.values() for e in errors))
    else:
        messages.success(request, "Designation recorded.")
    return redirect("department-detail", agency.slug, dept.pk)


@agency_view("agencies.view_agency")
def people(request: HttpRequest, agency) -> HttpResponse:
    people_qs = selectors.people_visible_to(request.user).filter(agency=agency)
    query = request.GET.get("q", "").strip()
    if query:
        people_qs = people_qs.filter(full_name__icontains=query)
    if request.GET.get("show") != "all":
        people_qs = people_qs.filter(active=True)
    return render(request, "agencies/people.html", {
        "agency": agency, "people": people_qs.prefetch_related("memberships"), "query": query,
        "show_all": request.GET.get("show") == "all",
        "can_manage": request.user.has_perm("agencies.manage_structure", agency),
    })


@agency_view("agencies.manage_structure")
def person_create(request: HttpRequest, agency) -> HttpResponse:
    form = NewPersonForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_create(actor=request.user, agency=agency, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"{person.full_name} added.")
            return redirect("person-detail", agency.slug, person.pk)
    return render(request, "agencies/person_form.html", {"agency": agency, "form": form, "person": None})


@agency_view("agencies.view_agency")
def person_detail(request: HttpRequest, agency, pk: int) -> HttpResponse:
    person = get_object_or_404(selectors.people_visible_to(request.user).filter(agency=agency), pk=pk)
    return render(request, "agencies/person_detail.html", {
        "agency": agency, "person": person,
        "memberships": person.memberships.select_related("department").order_by("ended_at", "role"),
        "designations": person.designations.select_related("department"),
        "can_manage": request.user.has_perm("agencies.manage_structure", agency),
        "membership_form": MembershipForm(agency=agency), "deactivate_form": DeactivateForm(),
        "password_form": SetPasswordForm(),
    })


@agency_view("agencies.manage_structure")
def person_edit(request: HttpRequest, agency, pk: int) -> HttpResponse:
    person = get_object_or_404(Person.objects.filter(agency=agency), pk=pk)
    initial = {f: getattr(person, f) for f in ("full_name", "email", "title", "employment_type")}
    initial |= {"department": person.department_id, "supervisor": person.supervisor_id}
    form = PersonForm(request.POST or None, agency=agency, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Saved.")
            return redirect("person-detail", agency.slug, person.pk)
    return render(request, "agencies/person_form.html", {"agency": agency, "form": form, "person": person})


def _person_post(request: HttpRequest, agency, pk: int, make_form, call, success: str) -> HttpResponse:
    """A POST about one person of the agency: validate the form, call the service, go back to them."""
    person = get_object_or_404(Person.objects.filter(agency=agency), pk=pk)
    form = make_form(request.POST)
    _run_form_service(request, form, lambda data: call(actor=request.user, person=person, **data),
                      success.format(person=person.full_name))
    return redirect("person-detail", agency.slug, person.pk)


@require_POST
@agency_view("agencies.manage_structure")
def person_grant(request: HttpRequest, agency, pk: int) -> HttpResponse:
    return _person_post(request, agency, pk, lambda data: MembershipForm(data, agency=agency),
                        services.membership_grant, "Role granted.")


@require_POST
@agency_view("agencies.manage_structure")
def membership_end(request: HttpRequest, agency, pk: int, membership_pk: int) -> HttpResponse:
    membership = get_object_or_404(Membership.objects.filter(agency=agency, person_id=pk), pk=membership_pk)
    try:
        services.membership_end(actor=request.user, membership=membership)
        messages.success(request, f"{membership.get_role_display()} ended.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("person-detail", agency.slug, pk)


@require_POST
@agency_view("agencies.manage_structure")
def person_deactivate(request: HttpRequest, agency, pk: int) -> HttpResponse:
    return _person_post(request, agency, pk, DeactivateForm, services.person_deactivate, "{person} deactivated.")


def _run_form_service(request: HttpRequest, form, call, success: str) -> None:
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
    if form.errors:
        messages.error(request, "; ".join(str(e) for errors in form.errors.values() for e in errors))
    else:
        messages.success(request, success)


@require_POST
@agency_view("agencies.manage_structure")
def person_set_password(request: HttpRequest, agency, pk: int) -> HttpResponse:
    return _person_post(request, agency, pk, SetPasswordForm, services.person_set_password,
                        "New password set for {person}.")
