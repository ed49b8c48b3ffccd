"""The seed exercise: the Single Leg Deadlift, from the source article
(steps, the hip-rotation mistake and its fix, three levels, once or twice a week)."""

from .builders import level, mistake, step

SINGLE_LEG_DEADLIFT = {
    "slug": "single-leg-deadlift",
    "name": "Single Leg Deadlift",
    "summary": (
        "A hip hinge on one leg: the chest tips forward while the free leg swings back, "
        "then the glute and hamstring of the standing leg pull you upright. It trains "
        "strength and balance at the same time, the way running loads one leg at a time, "
        "and it quickly shows which side is weaker."
    ),
    "key_points": [
        "Running happens on one leg at a time; this exercise trains exactly that.",
        "Strengthens the glutes and hamstrings while sparing the lower back.",
        "Builds ankle stability and the sense of where your body is (proprioception).",
        "The classic mistake is opening the hip of the raised leg: keep the hips level.",
    ],
    "key_cue": "Hips square, like two headlights pointing at the floor.",
    "focus": "posterior_chain",
    "unilateral": True,
    "equipment": "None at first; a wall or chair, later a kettlebell or dumbbell",
    "sessions_per_week_min": 1,
    "sessions_per_week_max": 2,
    "steps": [
        step(
            "Stand on one leg",
            "Stand on the working leg with the knee soft: slightly bent, never locked. "
            "The other foot hovers just off the floor.",
        ),
        step(
            "Hinge at the hip",
            "Think of your body as one straight plank from the head to the heel of the free "
            "leg. Tip forward by folding only at the hip of the standing leg. Think “push "
            "the heel back”, not “lower the chest”.",
        ),
        step(
            "Move like a seesaw",
            "As the chest goes down, the free leg rises behind you at the same rate. Chest "
            "and heel travel together.",
        ),
        step(
            "Reach the T",
            "Stop when the torso and the free leg are about parallel to the floor, a T "
            "shape, or earlier if the back starts to round. The back stays flat.",
        ),
        step(
            "Stand up with the leg",
            "Squeeze the glute and hamstring of the standing leg to come back upright. The "
            "leg does the lifting, not the lower back.",
        ),
    ],
    "mistakes": [
        mistake(
            "The hips rotate open",
            "On the way down the hip of the raised leg turns out to the side and the pelvis "
            "twists. It makes balancing easier, which is why the body does it, but it takes "
            "the work away from the standing leg's glute and hamstring and twists the lower "
            "back.",
            "Keep both hip bones level with the floor, like a car's headlights: they point "
            "straight down, never to the side. Point the toes of the raised foot at the "
            "floor (ankle pulled up); that keeps the hip closed and aligned.",
            "A clearly stronger stretch in the glute and hamstring of the standing leg.",
        ),
        mistake(
            "Reaching for the floor with a rounded back",
            "Going lower than the hips allow curls the spine, so the lower back takes the "
            "load the hip should carry.",
            "Stop the descent where the back is still flat. Think of the chest moving "
            "forward and the heel moving back, not of the hands reaching down.",
            "You feel it in the back of the standing thigh, not in the lower back.",
        ),
    ],
    "levels": [
        level(
            "Wall-supported",
            "No weights. One hand rests lightly on a wall or the back of a chair for "
            "balance, so all the attention goes to hinging at the hip with a flat back.",
            support="One hand on a wall or chair",
            sets=2,
            reps=8,
            advance_at=10,
        ),
        level(
            "Bodyweight, free-standing",
            "Away from the wall. Aim for 8-10 reps per leg without the free foot touching "
            "the floor between reps; a wobble is fine, a touch-down ends the set.",
            support="No support, no weight",
            sets=3,
            reps=8,
            advance_at=10,
        ),
        level(
            "Contralateral load",
            "Hold a kettlebell or dumbbell in the hand opposite the standing leg (right foot "
            "down, weight in the left hand). The weight tries to twist you, so the glute and "
            "trunk work harder to keep the hips square. Add weight once the reps are clean.",
            support="Kettlebell or dumbbell",
            sets=3,
            reps=8,
            advance_at=10,
            load_kg="8",
            load_step="2",
            load_note="in the hand opposite the standing leg",
        ),
    ],
}
