"""Quads and knee control: split squat, step-down, single-leg squat to a box."""

from .builders import level, mistake, step

SPLIT_SQUAT = {
    "slug": "split-squat",
    "name": "Split squat",
    "summary": (
        "A lunge held in place: one foot forward, one back, lowering straight down and "
        "standing up through the front leg. With the back foot raised on a bench it "
        "becomes the Bulgarian split squat. It builds quads and glutes one leg at a time "
        "and teaches the knee to track straight under load."
    ),
    "key_points": [
        "Strengthens the quads and glutes of the front leg, the muscles that absorb landing.",
        "Trains the knee to stay in line over the foot.",
        "The Bulgarian version (back foot on a bench) puts nearly all the load on one leg.",
    ],
    "key_cue": "Straight down like an elevator, front knee over the second toe.",
    "focus": "knee",
    "unilateral": True,
    "equipment": "A bench or step for the back foot; later dumbbells",
    "sessions_per_week_min": 1,
    "sessions_per_week_max": 2,
    "steps": [
        step(
            "Take a long stance",
            "Front foot flat, back foot on its ball about a leg's length behind. Feet "
            "hip-width apart, as if on two rails, not on a tightrope.",
        ),
        step(
            "Stand tall",
            "Chest up with a slight forward lean, hands on the hips or holding the weights "
            "at your sides.",
        ),
        step(
            "Lower straight down",
            "Bend both knees until the back knee is just above the floor. The front knee "
            "moves forward over the middle of the foot and the front heel stays down.",
        ),
        step(
            "Drive up through the front foot",
            "Push the whole front foot into the floor to stand up, keeping most of the "
            "weight on the front leg. Finish all reps on one side, then switch.",
        ),
    ],
    "mistakes": [
        mistake(
            "Front knee caves in",
            "The front knee drifts towards the big-toe side and the hip drops: the same "
            "inward collapse that strains the knee when a tired runner lands.",
            "Keep the knee pointing over the second and third toes; imagine spreading the "
            "floor apart with the front foot. Use less depth until you can.",
            "The knee stays in one line over the foot and you feel the front thigh and glute.",
        ),
        mistake(
            "Stance too short or too narrow",
            "With the feet on one line you wobble, and a short stance lifts the front heel "
            "and piles the load onto the front of the knee.",
            "Lengthen the stance and keep the feet hip-width apart.",
            "The front heel stays flat and you can pause at the bottom without wobbling.",
        ),
    ],
    "levels": [
        level(
            "Split squat, bodyweight",
            "Both feet on the floor, hands on the hips or one hand on a wall. Full depth "
            "with the front knee tracking straight.",
            support="Floor; a hand on a wall if needed",
            sets=3,
            reps=8,
            advance_at=12,
        ),
        level(
            "Bulgarian split squat",
            "The back foot rests on a bench about knee height, laces down. Nearly all the "
            "load is on the front leg.",
            support="Back foot on a bench",
            sets=3,
            reps=8,
            advance_at=10,
        ),
        level(
            "Loaded Bulgarian split squat",
            "As level 2, holding a dumbbell in each hand at your sides. Add weight once all "
            "sets are clean.",
            support="Back foot on a bench, dumbbells",
            sets=3,
            reps=8,
            advance_at=10,
            load_kg="8",
            load_step="2",
            load_note="per hand, a dumbbell on each side",
        ),
    ],
}


STEP_DOWN = {
    "slug": "step-down",
    "name": "Step-down",
    "summary": (
        "Standing on one leg on a step, you slowly lower the other heel to the floor and "
        "stand back up. It trains the slow, controlled bending of knee and hip that every "
        "landing needs, and shows at once if the knee wanders inward."
    ),
    "key_points": [
        "Trains the controlled lowering (eccentric strength) that absorbs each landing.",
        "A simple test too: watch whether the knee stays in line and the hips stay level.",
        "Step height sets the difficulty; control comes before height.",
    ],
    "key_cue": "Tap the heel down like it's an egg; kneecap over the second toe.",
    "focus": "knee",
    "unilateral": True,
    "equipment": "A box or step, 10-30 cm high",
    "sessions_per_week_min": 2,
    "sessions_per_week_max": 3,
    "steps": [
        step(
            "Stand on the edge",
            "Stand on one leg near the edge of a step, the free foot hanging just off the front.",
        ),
        step(
            "Sit back a little",
            "Bend the standing knee and push the hips slightly back, as if reaching for a "
            "chair. Arms forward for balance.",
        ),
        step(
            "Lower for three seconds",
            "Lower until the heel of the free foot just brushes the floor. No weight goes onto it.",
        ),
        step(
            "Stand back up",
            "Press through the whole standing foot to straighten the leg, keeping the "
            "pelvis level.",
        ),
    ],
    "mistakes": [
        mistake(
            "Knee dives in, hip drops",
            "The standing knee moves towards the midline and the opposite hip drops. This "
            "pattern is common in runners with knee pain and means the hip is not "
            "controlling the leg.",
            "Slow down and use a lower step. Keep the kneecap over the second toe and both "
            "hip bones level; a mirror helps at first.",
            "The kneecap stays over the second toe all the way down and up.",
        ),
    ],
    "levels": [
        level(
            "Low step with a hand on the wall",
            "A low step (about 10 cm) with fingertips on a wall. Learn the slow lowering "
            "and the knee line.",
            support="10 cm step, fingertips on a wall",
            sets=2,
            reps=10,
            advance_at=12,
        ),
        level(
            "Mid-height step, no support",
            "A 15-20 cm step, hands free. Three seconds down on every rep.",
            support="15-20 cm step",
            sets=3,
            reps=10,
            advance_at=12,
        ),
        level(
            "High step, slow tempo",
            "A 20-30 cm step and a four-second lowering. Only go higher while the knee "
            "still tracks straight.",
            support="20-30 cm step",
            sets=3,
            reps=8,
            advance_at=10,
        ),
    ],
}


SINGLE_LEG_BOX_SQUAT = {
    "slug": "single-leg-squat-to-box",
    "name": "Single-leg squat to a box",
    "summary": (
        "A squat on one leg down to a light touch on a box behind you. The box sets the "
        "depth and gives confidence, so the whole lowering can be controlled. It builds "
        "the single-leg strength and knee control of a full pistol without its demands."
    ),
    "key_points": [
        "Strength for quads and glutes on one leg, with the depth controlled by the box.",
        "Lowering slowly matters more than going low.",
        "Lower the box as strength improves.",
    ],
    "key_cue": "Touch the box, don't sit on it.",
    "focus": "knee",
    "unilateral": True,
    "equipment": "A box, bench or chair",
    "sessions_per_week_min": 1,
    "sessions_per_week_max": 2,
    "steps": [
        step(
            "Set up",
            "Stand on one leg in front of a box, about a foot's length away. The free leg "
            "is slightly forward, arms reaching forward for balance.",
        ),
        step(
            "Sit back",
            "Push the hips back and bend the standing knee, lowering for about three seconds.",
        ),
        step(
            "Touch lightly",
            "Touch the box with your buttocks without relaxing onto it.",
        ),
        step(
            "Stand up",
            "Drive through the whole foot to stand tall, knee in line with the toes.",
        ),
    ],
    "mistakes": [
        mistake(
            "Dropping onto the box",
            "The last part of the lowering collapses, you sit down and then rock up with "
            "momentum, so the hardest range is skipped.",
            "Use a higher box until you control the whole way down; count three on every lowering.",
            "The lowering has the same speed all the way to a light touch.",
        ),
        mistake(
            "Knee caves in",
            "The knee drifts inward as you stand up, a sign that the glute is not "
            "controlling the thigh.",
            "Keep the kneecap over the second toe; use a higher box if it still caves.",
            "The knee tracks in a straight line on the way up.",
        ),
    ],
    "levels": [
        level(
            "High box with a hand on a support",
            "A box or bench above knee height, one hand on a wall or rail for balance.",
            support="High box, hand support",
            sets=3,
            reps=8,
            advance_at=10,
        ),
        level(
            "Knee-height box",
            "A box about knee height, hands free and reaching forward.",
            support="Knee-height box",
            sets=3,
            reps=8,
            advance_at=10,
        ),
        level(
            "Low box",
            "A box below knee height. Only go lower while the lowering stays slow and the "
            "knee straight.",
            support="Low box",
            sets=3,
            reps=6,
            advance_at=8,
        ),
    ],
}
