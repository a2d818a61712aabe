"""The GitHub Pages workflow tests the archive, builds it strictly and deploys it."""

from __future__ import annotations

import pytest
import yaml

from tests.paths import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


@pytest.fixture(scope="module")
def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(data, dict), "pages.yml is not a mapping"
    return data


def steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def uses(job: dict, action: str) -> list[dict]:
    return [s for s in steps(job) if str(s.get("uses", "")).split("@")[0] == action]


def runs(job: dict) -> str:
    return "\n".join(str(s.get("run", "")) for s in steps(job))


def test_triggers(workflow):
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as True
    assert "push" in on and "workflow_dispatch" in on


def test_build_job_tests_and_builds_strictly(workflow):
    build = workflow["jobs"]["build"]
    assert uses(build, "actions/checkout")
    python = uses(build, "actions/setup-python")
    assert python and str(python[0]["with"]["python-version"]) == "3.11"
    commands = runs(build)
    assert "apt-get install" in commands and "chromium chromium-driver" in commands
    assert 'pip install -e ".[test]"' in commands
    assert "pytest" in commands
    assert "mkdocs build --strict" in commands
    order = [
        i
        for i, s in enumerate(steps(build))
        for key in ("pytest", "mkdocs build")
        if key in str(s.get("run", ""))
    ]
    assert order == sorted(order), "tests run before the build"
    artifact = uses(build, "actions/upload-pages-artifact")
    assert artifact and artifact[0]["with"]["path"] == "site"
    assert "--site-dir site" in commands or "-d site" in commands


def test_deploy_job(workflow):
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert "steps.deployment.outputs.page_url" in deploy["environment"]["url"]
    step = uses(deploy, "actions/deploy-pages")
    assert step and step[0].get("id") == "deployment"
    assert (
        deploy["concurrency"]["group"] == "pages"
        and deploy["concurrency"]["cancel-in-progress"] is False
    )


def test_least_privilege(workflow):
    assert workflow["permissions"] == {"contents": "read"}
    assert "concurrency" in workflow


def test_site_url_comes_from_the_pages_deployment(workflow):
    build = workflow["jobs"]["build"]
    pages = uses(build, "actions/configure-pages")
    assert pages and pages[0]["id"] == "pages"
    step = next(s for s in steps(build) if "mkdocs build" in str(s.get("run", "")))
    assert step["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}"
    assert steps(build).index(pages[0]) < steps(build).index(step)
    assert build["permissions"]["pages"] == "read"
    assert str(build["env"]["NO_MKDOCS_2_WARNING"]) == "1"
    assert "npm ci --prefix tests/browser" in runs(build)
