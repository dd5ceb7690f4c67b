"""curriculum.toml and the folders on disk must agree."""

import re

from journey import REPO_ROOT, curriculum

PLAN = curriculum.load()
DAY_FOLDER = re.compile(r"^day\d\d(-\d\d)?$")


def test_the_manifest_lists_days_1_to_56_in_order() -> None:
    numbers = [d.day for d in PLAN.days]
    assert numbers == list(range(1, 57)), f"Read curriculum.toml. Got days {numbers}, expected 1-56"
    wrong_week = [d.day for d in PLAN.days if d.week != (d.day - 1) // 7 + 1]
    assert not wrong_week, f"Days {wrong_week} carry a week that does not match their number"


def test_every_manifest_entry_has_its_folder_and_readme() -> None:
    missing = [d.folder for d in PLAN.days if not (REPO_ROOT / d.folder / "README.md").is_file()]
    assert not missing, f"Manifest entries whose folder or README.md is missing: {missing}"


def test_every_day_folder_on_disk_is_in_the_manifest() -> None:
    listed = {d.folder for d in PLAN.days}
    on_disk = {
        f"{week.name}/{day.name}"
        for week in REPO_ROOT.glob("week*")
        for day in week.iterdir()
        if day.is_dir() and DAY_FOLDER.match(day.name)
    }
    unlisted = sorted(on_disk - listed)
    assert not unlisted, f"Day folders that curriculum.toml does not list: {unlisted}"


def test_projects_live_in_their_day_folder_or_are_a_milestone_at_the_week_root() -> None:
    misplaced = [
        (d.day, p)
        for d in PLAN.days
        for p in d.projects
        if not (p == d.folder or p.startswith(d.folder + "/") or p.count("/") == 1)
    ]
    assert not misplaced, f"Projects outside their day's folder: {misplaced}"


def test_every_week_folder_has_a_readme_naming_its_days() -> None:
    for folder in sorted({d.week_folder for d in PLAN.days}):
        readme = REPO_ROOT / folder / "README.md"
        assert readme.is_file(), f"{folder}/README.md is missing"
        text = readme.read_text()
        absent = [d.day for d in PLAN.days if d.week_folder == folder and f"{d.day}" not in text]
        assert not absent, f"{folder}/README.md does not mention days {absent}"
