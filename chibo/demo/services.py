"""Writes the demo data: the generator's records in bulk, the 2025 reorganisation, the demo logins.

The member roll is written with bulk_create, not member_create: the province profile has
370,000 members, and per-row services (one audit row, a uniqueness query and three saves each)
would take hours. The bulk path stores exactly what the services would — `path` and `depth`
from `services.path_for`, names through `Member.set_name` — and the tests check the invariants
the services would have enforced. The few moves of the reorganisation and the logins do go
through the services, so they are audited like any other change.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from types import SimpleNamespace
from typing import Any

from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.operations import RunPython
from django.db.models import Exists, Max, OuterRef
from django.utils.translation import gettext as _

from chibo.accounts.models import Role, User
from chibo.accounts.services import role_assign, user_create
from chibo.core import text
from chibo.core.audit import audit_record
from chibo.core.errors import RuleViolation
from chibo.demo import meeting_texts as texts
from chibo.demo import selectors
from chibo.demo.generator import (
    REFERENCE_DATE,
    Chunk,
    DemoPlan,
    MemberSpec,
    OrgSpec,
    TermSpec,
    add_years,
    committee_term,
)
from chibo.demo.history import HISTORY_MONTHS, Person, meeting_place, month_words, upcoming_day, usual_time
from chibo.demo.history_writer import HistoryCounts, HistoryWriter
from chibo.demo.profiles import build_plan
from chibo.meetings import services as meetings
from chibo.meetings.models import Meeting, MeetingKind
from chibo.organizations.models import (
    CELL_KINDS,
    Exemption,
    Member,
    Membership,
    MembershipKind,
    MemberStatus,
    Organization,
    OrganizationChange,
    Position,
    PositionTitle,
    Sector,
    Term,
)
from chibo.organizations.selectors import organization_subtree
from chibo.organizations.services import organization_move, path_for

DEMO_PASSWORD = "chibo-demo"
DEMO_USERNAMES = ("quantri", "danguy", "vanphong", "bithu1", "bithu2", "dangvien1")
BATCH_SIZE = 2000  # SQLite lowers it to fit its 999 parameters per statement


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    organization: str
    member: str


@dataclass(frozen=True)
class SeedResult:
    plan: DemoPlan
    counts: selectors.DemoCounts
    logins: list[DemoLogin]
    history: HistoryCounts = field(default_factory=HistoryCounts)
    months: list[tuple[int, int]] = field(default_factory=list)  # the months of the history, oldest first
    weak: dict[str, tuple[str, ...]] = field(default_factory=dict)  # weak cells' codes and their weaknesses
    upcoming: Meeting | None = None  # bithu1's next meeting, planned, for the demo


Progress = Callable[[int, int], None]  # (cells just written, cells expected in all)


def _refresh_planner_statistics() -> None:
    """Tell the database what was loaded: after a bulk load of millions of rows PostgreSQL plans with empty-table
    statistics until autovacuum gets to it (the province's support list ran over ten minutes instead of ten seconds)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.vendor == "postgresql" else "PRAGMA optimize")


def demo_seed(*, profile: str, seed: int, as_of: date = REFERENCE_DATE, scale: float = 1.0,
              history_months: int = HISTORY_MONTHS, progress: Progress | None = None) -> SeedResult:
    """Build the demo tree for `profile` in an empty database, with `history_months` of closed meetings
    in every cell, all or nothing."""
    if selectors.demo_data_exists():
        raise RuleViolation(_("Cơ sở dữ liệu đã có tổ chức đảng; dữ liệu demo chỉ tạo trên cơ sở dữ liệu trống."))
    plan = build_plan(profile, seed=seed, as_of=as_of, scale=scale)
    if progress is not None:
        progress(0, plan.expected_cells)
    with transaction.atomic(), _unlogged_queries():
        writer = _BulkWriter(as_of=plan.as_of)
        # The commune's minutes are written by meetings.minutes itself; the larger profiles write the same text
        # from the plans (reading 8,000 or 480,000 meetings back would take minutes to hours).
        past = HistoryWriter(seed=seed, as_of=plan.as_of, months=history_months, calm=plan.secretary_cell_codes,
                             orgs=writer.orgs, exact_minutes=profile == "commune")
        for chunk in plan.chunks:
            cells = past.write(chunk, writer.write(chunk))
            if progress is not None:
                progress(cells, plan.expected_cells)
        writer.finish()
        past.finish()
        _reorganise(plan)
        logins = _create_logins(plan)
        upcoming = _plan_upcoming(plan) if history_months else None
        audit_record(actor=None, action="demo.seed", obj=Organization.objects.get(code=plan.root_code),
                     summary=f"seed_demo --profile {profile} --seed {seed} --as-of {plan.as_of:%Y-%m-%d} "
                             f"--history-months {history_months}")
    _refresh_planner_statistics()
    weak = {code: t.weaknesses for code, t in past.tempers.items() if t.weaknesses}
    return SeedResult(plan=plan, counts=selectors.demo_counts(), logins=logins, history=past.counts,
                      months=past.ctx.months, weak=weak, upcoming=upcoming)


def demo_reset() -> None:
    """Empty the whole database (every table, like `chibo flush`) so that the demo can be seeded again.

    flush also empties what chibo's data migrations loaded (procedures, rubrics, alert rules, document
    formats); they are loaded again here, by the migrations' own code, so that the reseeded demo has them.
    """
    call_command("flush", interactive=False, verbosity=0)
    _reload_reference_data()


def _reload_reference_data() -> None:
    executor = MigrationExecutor(connection)
    # The loaders read `apps` only (and at most schema_editor.connection); a real schema editor cannot be opened
    # inside the seeding's transaction on SQLite.
    editor: Any = SimpleNamespace(connection=connection)
    for migration, _backwards in executor.migration_plan(executor.loader.graph.leaf_nodes(), clean_start=True):
        if not django_apps.get_app_config(migration.app_label).name.startswith("chibo."):
            continue
        if not any(isinstance(op, RunPython) for op in migration.operations):
            continue
        state = executor.loader.project_state((migration.app_label, migration.name), at_end=False)
        for operation in migration.operations:
            if isinstance(operation, RunPython):
                operation.code(state.apps, editor)
            else:
                operation.state_forwards(migration.app_label, state)


@contextmanager
def _unlogged_queries() -> Iterator[None]:
    """Switch off the DEBUG query log while seeding.

    With DEBUG on, Django keeps the SQL of the last 9,000 queries — megabytes each for a bulk
    insert — and on SQLite it runs one more query per query to quote the parameters for that log.
    """
    saved = settings.DEBUG
    settings.DEBUG = False
    try:
        yield
    finally:
        settings.DEBUG = saved


class _BulkWriter:
    """Inserts chunks of records; organization ids are chosen here so each path is known before the insert."""

    def __init__(self, *, as_of: date) -> None:
        self.as_of = as_of
        self.orgs: dict[str, Organization] = {}
        self.names: dict[str, tuple[str, str, str]] = {}
        self.next_id = (Organization.objects.aggregate(top=Max("id"))["top"] or 0) + 1

    def write(self, chunk: Chunk) -> list[Person]:
        """Write the chunk's organizations and members; returns the members with the ids they got."""
        self._write_orgs(chunk.orgs)
        self._write_terms([*filter(None, map(committee_term, chunk.orgs)), *chunk.terms])
        return self._write_members(chunk.members)

    def finish(self) -> None:
        """Move the id sequence past the ids chosen here (PostgreSQL; SQLite's AUTOINCREMENT follows by itself)."""
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [Organization]):
                cursor.execute(sql)

    def _write_orgs(self, specs: list[OrgSpec]) -> None:
        rows: list[Organization] = []
        for spec in specs:
            parent = self.orgs[spec.parent_code] if spec.parent_code else None
            name = text.clean(spec.name)
            org = Organization(
                id=self.next_id, code=text.clean(spec.code), name=name, kind=spec.kind, sector=spec.sector,
                parent=parent, valid_from=spec.valid_from, valid_to=spec.valid_to, search_name=text.fold(name),
                usual_meeting_day=spec.usual_meeting_day, depth=(parent.depth + 1) if parent else 0,
            )
            org.path = path_for(self.next_id, parent)
            self.next_id += 1
            self.orgs[org.code] = org
            rows.append(org)
        Organization.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        OrganizationChange.objects.bulk_create(
            (OrganizationChange(kind=OrganizationChange.Kind.CREATE, organization_id=org.pk, new_parent_id=org.parent_id,
                                effective_date=org.valid_from or self.as_of) for org in rows),
            batch_size=BATCH_SIZE,
        )

    def _write_terms(self, specs: list[TermSpec]) -> None:
        """Congress terms as term_record would leave them: in order, each closed the day before the next."""
        Term.objects.bulk_create(
            (Term(organization_id=self.orgs[t.org_code].pk, name=text.clean(t.name), start_date=t.start,
                  end_date=t.end) for t in specs),
            batch_size=BATCH_SIZE,
        )

    def _set_name(self, member: Member, full_name: str) -> None:
        """Member.set_name, remembered: names repeat (Nguyễn Văn Hùng), their sort keys cost a little each."""
        keys = self.names.get(full_name)
        if keys is None:
            member.set_name(full_name)
            if len(self.names) < 100_000:
                self.names[full_name] = (member.full_name, member.search_name, member.sort_key)
        else:
            member.full_name, member.search_name, member.sort_key = keys

    def _write_members(self, specs: list[MemberSpec]) -> list[Person]:
        members: list[Member] = []
        for spec in specs:
            member = Member(
                gender=spec.gender, birth_date=spec.birth_date, ethnicity=spec.ethnicity, religion=spec.religion,
                phone=spec.phone, card_number=spec.card_number, admission_date=spec.admission_date,
                official_date=spec.official_date, status=spec.status, special_duty=spec.special_duty,
                exit_kind=spec.exit_kind, exit_date=spec.exit_date, exit_note=text.clean(spec.exit_note),
            )
            self._set_name(member, spec.full_name)
            members.append(member)
        Member.objects.bulk_create(members, batch_size=BATCH_SIZE)
        pairs = list(zip(members, specs, strict=True))
        org = self.orgs
        Membership.objects.bulk_create(
            (Membership(member_id=m.pk, organization_id=org[x.org_code].pk, kind=x.kind, start_date=x.start,
                        end_date=x.end, planned_end_date=x.planned_end, end_reason=x.end_reason, note=text.clean(x.note))
             for m, s in pairs for x in s.memberships),
            batch_size=BATCH_SIZE,
        )
        Position.objects.bulk_create(
            (Position(member_id=m.pk, organization_id=org[p.org_code].pk, title=p.title, start_date=p.start,
                      end_date=p.end) for m, s in pairs for p in s.positions),
            batch_size=BATCH_SIZE,
        )
        Exemption.objects.bulk_create(
            (Exemption(member_id=m.pk, kind=e.kind, reason=e.reason, start_date=e.start,
                       expected_end_date=e.expected_end, ended_on=e.ended_on, resolution_ref=e.resolution_ref)
             for m, s in pairs for e in s.exemptions),
            batch_size=BATCH_SIZE,
        )
        return [Person(pk=m.pk, sort_key=m.sort_key, spec=s) for m, s in pairs]


def _reorganise(plan: DemoPlan) -> None:
    """The district profile's 1/7/2025: units move under the new commune committees, the district closes."""
    note = "Kết thúc hoạt động của đảng bộ cấp huyện"
    for unit_code, parent_code in plan.moves:
        organization_move(
            org=Organization.objects.get(code=unit_code), new_parent=Organization.objects.get(code=parent_code),
            effective_date=plan.reorganisation_date, decision=plan.reorganisation_decision, note=note,
        )
    for code in plan.closures:
        # No close service exists yet; the generator already set valid_to, this records the step.
        org = Organization.objects.get(code=code)
        OrganizationChange.objects.create(kind=OrganizationChange.Kind.CLOSE, organization=org,
                                          effective_date=plan.reorganisation_date,
                                          decision=plan.reorganisation_decision, note=note)
        audit_record(actor=None, action="organization.close", obj=org, summary=note)


# --- logins --------------------------------------------------------------------------------------

def _current_secretary(cell: Organization) -> Member:
    return Member.objects.get(positions__organization=cell, positions__title=PositionTitle.SECRETARY,
                              positions__end_date__isnull=True)


def _plain_members(cell: Organization, *, as_of: date, count: int) -> list[Member]:
    """Official members of `cell` with no office, no exemption and no attachment elsewhere, aged 30 to 55."""
    open_regular = Membership.objects.filter(member=OuterRef("pk"), organization=cell, kind=MembershipKind.REGULAR,
                                             end_date__isnull=True)
    attached = Membership.objects.filter(member=OuterRef("pk"), kind=MembershipKind.TEMPORARY, end_date__isnull=True)
    office = Position.objects.filter(member=OuterRef("pk"), end_date__isnull=True)
    exempt = Exemption.objects.filter(member=OuterRef("pk"), ended_on__isnull=True)
    return list(
        Member.objects.filter(Exists(open_regular), status=MemberStatus.OFFICIAL, exit_kind="",
                              birth_date__range=(add_years(as_of, -55), add_years(as_of, -30)))
        .exclude(Exists(attached)).exclude(Exists(office)).exclude(Exists(exempt))
        .order_by("id")[:count]
    )


def _login(username: str, *, role: str, organization: Organization, member: Member | None = None,
           label: str = "", password_hash: str, **flags: Any) -> DemoLogin:
    user = user_create(username=username, password=None, member=member, first_name="" if member else label)
    # One Argon2 hash (half a second) for the six logins: they share the password anyway.
    user.password = password_hash
    for name, value in flags.items():
        setattr(user, name, value)
    user.save(update_fields=["password", *flags])
    role_assign(user=user, organization=organization, role=role)
    return DemoLogin(username=username, role=str(Role(role).label), organization=organization.name,
                     member=member.full_name if member else "")


def _create_logins(plan: DemoPlan) -> list[DemoLogin]:
    """quantri, danguy, vanphong, bithu1, bithu2, dangvien1 — the cast README.md promises."""
    root = Organization.objects.get(code=plan.root_code)
    committee = Organization.objects.get(code=plan.login_committee_code)
    cell1, cell2 = (Organization.objects.get(code=code) for code in plan.secretary_cell_codes)
    # Committee people are members of an agency cell of the committee (never one of the two demo cells).
    agencies = (
        organization_subtree(committee).filter(kind__in=CELL_KINDS, sector=Sector.ADMINISTRATIVE, valid_to__isnull=True)
        .exclude(pk__in=[cell1.pk, cell2.pk]).order_by("code")
    )
    staff_cell = agencies.filter(name__startswith="Chi bộ Cơ quan").first() or agencies.first()
    staff: list[Member | None] = [*(_plain_members(staff_cell, as_of=plan.as_of, count=2) if staff_cell else []),
                                  None, None]
    hashed = make_password(DEMO_PASSWORD)
    return [
        _login("quantri", role=Role.ADMIN, organization=root, label="Quản trị hệ thống",
               is_superuser=True, is_staff=True, password_hash=hashed),
        _login("danguy", role=Role.COMMITTEE_LEADER, organization=committee, member=staff[0],
               label="Lãnh đạo Đảng ủy", password_hash=hashed),
        _login("vanphong", role=Role.COMMITTEE_STAFF, organization=committee, member=staff[1],
               label="Văn phòng Đảng ủy", password_hash=hashed),
        _login("bithu1", role=Role.CELL_SECRETARY, organization=cell1, member=_current_secretary(cell1),
               password_hash=hashed),
        _login("bithu2", role=Role.CELL_SECRETARY, organization=cell2, member=_current_secretary(cell2),
               password_hash=hashed),
        _login("dangvien1", role=Role.MEMBER, organization=cell1,
               member=_plain_members(cell1, as_of=plan.as_of, count=1)[0], password_hash=hashed),
    ]


# --- bithu1's next meeting -------------------------------------------------------------------------

def _plan_upcoming(plan: DemoPlan) -> Meeting:
    """bithu1's cell has its next regular meeting on the calendar, with the chi ủy's drafts, for the demo to run.

    Planned through the meetings services, as the secretary would: the tasks of the last meeting stay
    open and are followed up there.
    """
    cell = Organization.objects.get(code=plan.secretary_cell_codes[0])
    secretary = User.objects.get(username="bithu1")
    spec = OrgSpec(code=cell.code, name=cell.name, kind=cell.kind, parent_code=None, sector=cell.sector,
                   usual_meeting_day=cell.usual_meeting_day)
    day = upcoming_day(spec, plan.as_of)
    words = month_words(day)
    meeting = meetings.meeting_plan(
        organization=cell, kind=MeetingKind.REGULAR, planned_date=day, planned_by=secretary,
        planned_time=usual_time(spec), place=meeting_place(spec), agenda=texts.REGULAR_AGENDA.format(**words),
    )
    for kind, title in texts.REGULAR_MATERIALS:
        meetings.material_add(meeting=meeting, title=title.format(**words), kind=kind, body=texts.MATERIAL_BODY,
                              added_by=secretary)
    return meeting
