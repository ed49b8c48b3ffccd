"""Small builders that keep the content files short: each returns the model
fields of one technique step, common mistake or progression level."""

from decimal import Decimal


def step(title: str, instruction: str) -> dict:
    return {"title": title, "instruction": instruction}


def mistake(title: str, what_happens: str, how_to_fix: str, sign_of_success: str = "") -> dict:
    return {
        "title": title,
        "what_happens": what_happens,
        "how_to_fix": how_to_fix,
        "sign_of_success": sign_of_success,
    }


def level(
    name: str,
    description: str,
    *,
    support: str,
    sets: int,
    reps: int,
    advance_at: int,
    load_kg: str | None = None,
    load_note: str = "",
    max_pain: int = 3,
    sessions_in_row: int = 2,
    reps_up_to: int | None = None,
    max_rpe: int = 8,
    load_step: str | None = None,
) -> dict:
    """A level; its rep range runs from `reps` up to the target (`advance_at`)
    unless `reps_up_to` says otherwise."""
    return {
        "name": name,
        "description": description,
        "support": support,
        "default_sets": sets,
        "default_reps_per_leg": reps,
        "default_load_kg": Decimal(load_kg) if load_kg else None,
        "load_note": load_note,
        "advance_reps_per_leg": advance_at,
        "advance_max_pain": max_pain,
        "advance_sessions_in_row": sessions_in_row,
        "default_reps_max": reps_up_to or max(reps, advance_at),
        "advance_max_rpe": max_rpe,
        "load_step_kg": Decimal(load_step) if load_step else None,
    }
