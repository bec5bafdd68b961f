"""Recruiting and HR-system classes (issue 15bf; heldout30, tests/label/corpus/), each with the
cases it must match and the cases it must not:
- an employee's id in an HR system names the person the HR record is for, as a profile id does:
  `employeeId`/`employee_id` in a query (a bracketed filter key too), `individual_id` in a batch
  of requests, and the item after `/employees/` in a URL path are user ids; a candidate's,
  applicant's, application's, job's, location's or department's record id, a count of employees,
  an employee type and a word after `/employees/` (`directory`) are none;
- the vendors of those systems are named by their own files: the unified APIs and HR systems'
  hosts name their organisation, look-alike hosts name none."""

from __future__ import annotations

from typing import Any

import pytest

from auditor.export.redact import Pseudonymizer, Redactor
from auditor.label import Labeller
from auditor.label.entities import organisation_for_host
from tests.label.fixture_labels import categories

UID = "identifiers.user_id"
HR = "https://hr.example.org"


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


# --- an employee's id in an HR system -------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "body"),
    [
        (f"{HR}/v1/time_off/requests?status=approved&employeeId=117", None),
        (f"{HR}/v1/time-off?filter%5Bemployee_id%5D=emp_0117&limit=20", None),
        (f"{HR}/v1/time-off?filter[employee_id]=emp_0117", None),
        (f"{HR}/employer/individual", {"requests": [{"individual_id": "0a1b2c3d-4e5f-8a7b"}]}),
        (f"{HR}/employer/employment", {"requests": [{"individual_id": "ind_4412"}]}),
        (f"{HR}/v1/absences", {"employee_id": 4412, "type": "vacation"}),
        (f"{HR}/api/v1/employees/412", {"department": "Water Resources"}),
        (f"{HR}/v1/employees/7f2b9d4e-1a2b-4a6c-8e1f-3b5d7a9c0e24/jobs", {"title": "Hydrologist"}),
    ],
)
def test_an_employees_id_in_an_hr_system_is_a_user_id(
    labeller: Labeller, url: str, body: Any
) -> None:
    method = "GET" if body is None else "POST"
    assert UID in categories(labeller, url, body, method=method)


@pytest.mark.parametrize(
    ("url", "body"),
    [
        # record ids of a candidate, applicant, application, job, location and department
        (f"{HR}/ats/candidates/cand_5521/notes", {"body": "ok"}),
        (f"{HR}/ats/applications?candidate_id=cand_5521&job_id=job_77", None),
        (f"{HR}/ats/applicants?filter%5Bapplicant_id%5D=app_5521", None),
        (f"{HR}/v1/jobs", {"application_id": "appl_9921", "location_id": "loc_12"}),
        (f"{HR}/v1/jobs", {"department_id": 31, "location_uuid": "a3c5e7f9-4b2d-8f6a-1c3e"}),
        # a count of employees, an employee type, a word after `/employees/`
        (f"{HR}/v1/companies", {"employees": 120, "employee_type": "full_time"}),
        (f"{HR}/v1/employees/directory", None),
        (f"{HR}/v1/companies/c1e4a7b2-4f1d-9c3e/employees", {"employees": 120}),
    ],
)
def test_record_ids_counts_and_types_around_employees_are_no_user_id(
    labeller: Labeller, url: str, body: Any
) -> None:
    method = "GET" if body is None else "POST"
    assert UID not in categories(labeller, url, body, method=method)


def test_the_redactor_pseudonymises_an_employee_id_in_the_path_not_a_job_id() -> None:
    redactor = Redactor(Pseudonymizer(b"k" * 32))
    assert "/412" not in redactor.redact_url(f"{HR}/api/v1/employees/412")
    assert "emp_4412" not in redactor.redact_url(f"{HR}/v1/employees/emp_4412/jobs")
    for kept in (f"{HR}/v1/employees/directory", f"{HR}/v1/jobs/412"):
        assert redactor.redact_url(kept) == kept


# --- the vendors of recruiting and HR systems -----------------------------------------------


@pytest.mark.parametrize(
    ("host", "organisation"),
    [
        ("api.merge.dev", "Merge"),
        ("api.kombo.dev", "Kombo"),
        ("api.tryfinch.com", "Finch"),
        ("api.bamboohr.com", "BambooHR"),
        ("unify.apideck.com", "Apideck"),
        ("api.gusto.com", "Gusto"),
    ],
)
def test_hr_and_recruiting_api_hosts_name_their_vendor(host: str, organisation: str) -> None:
    assert organisation_for_host(host) == organisation


@pytest.mark.parametrize(
    "host",
    ["api.merge.dev.example.org", "notkombo.dev", "tryfinch.herokuapp.com", "bamboo.example.com"],
)
def test_look_alike_hosts_name_no_hr_vendor(host: str) -> None:
    assert organisation_for_host(host) not in {
        "Merge",
        "Kombo",
        "Finch",
        "BambooHR",
        "Apideck",
        "Gusto",
    }
