"""Glutes and hip stability: single-leg glute bridge, hip hike."""

from .builders import level, mistake, step

SINGLE_LEG_GLUTE_BRIDGE = {
    "slug": "single-leg-glute-bridge",
    "name": "Single-leg glute bridge",
    "summary": (
        "Lying on your back, you push through one heel to lift the hips until shoulder, "
        "hip and knee form a line. It wakes up and strengthens the glute without balance "
        "getting in the way, which makes it a good first step and a useful warm-up."
    ),
    "key_points": [
        "Isolates the glute of one leg, with no balance demand.",
        "Good early in a programme, and as activation before a run.",
        "The hips stay level: the free side must not sag.",
    ],
    "key_cue": "Push through the heel; ribs down, hips level.",
    "focus": "posterior_chain",
    "unilateral": True,
    "equipment": "A mat; later a bench",
    "sessions_per_week_min": 2,
    "sessions_per_week_max": 3,
    "steps": [
        step(
            "Set up",
            "Lie on your back with one foot flat, knee bent, heel roughly under the knee. "
            "Lift the other leg with the knee bent, thigh vertical.",
        ),
        step(
            "Set the pelvis",
            "Ribs down and a slight tuck of the pelvis, so the lower back rests gently on "
            "the floor.",
        ),
        step(
            "Lift",
            "Push through the heel of the working foot and lift the hips until shoulder, "
            "hip and knee are in a straight line.",
        ),
        step(
            "Hold and lower",
            "Hold for a second at the top with the hips level, then lower under control.",
        ),
    ],
    "mistakes": [
        mistake(
            "Arching the lower back",
            "Lifting higher by arching the back instead of extending the hip: the back "
            "muscles take over and may ache afterwards.",
            "Stop at a straight line from shoulder to knee, keep the ribs down and squeeze "
            "the glute to finish the lift.",
            "You feel the glute of the working leg, not the lower back.",
        ),
        mistake(
            "Hamstring cramps",
            "With the foot too far from the hips the hamstring does most of the work and "
            "may cramp.",
            "Bring the heel closer to the buttocks and push through the heel.",
            "The work moves up into the glute.",
        ),
    ],
    "levels": [
        level(
            "Bridge and march",
            "Both feet down, lift into a bridge, then lift one foot a few centimetres at a "
            "time while the hips stay level. Each lift is one rep for that leg.",
            support="Both feet down between lifts",
            sets=3,
            reps=8,
            advance_at=12,
        ),
        level(
            "Single-leg bridge",
            "One foot down for the whole set, the other knee held up. Hold each rep for "
            "two seconds at the top.",
            support="Floor",
            sets=3,
            reps=10,
            advance_at=15,
        ),
        level(
            "Single-leg hip thrust",
            "Shoulders on a bench, one foot on the floor. A bigger range than from the "
            "floor; add a weight on the hip once 15 reps are easy.",
            support="Shoulders on a bench",
            sets=3,
            reps=10,
            advance_at=15,
        ),
    ],
}


HIP_HIKE = {
    "slug": "hip-hike",
    "name": "Hip hike",
    "summary": (
        "Standing on one leg on a step, you let the free side of the pelvis drop a little "
        "and lift it back up using the side hip muscles of the standing leg. It targets "
        "the gluteus medius, which keeps the pelvis level through each stride."
    ),
    "key_points": [
        "Strengthens the side of the hip (gluteus medius) that stops the pelvis dropping.",
        "A small movement: only the pelvis moves, both knees stay straight.",
        "A good partner to the step-down for runners whose knee dives in.",
    ],
    "key_cue": "Only the pelvis moves; shoulders stay level.",
    "focus": "hip_stability",
    "unilateral": True,
    "equipment": "A step",
    "sessions_per_week_min": 2,
    "sessions_per_week_max": 3,
    "steps": [
        step(
            "Set up on the step",
            "Stand on one leg on a step, the free leg hanging off the side, both knees "
            "straight. A hand on a wall if needed.",
        ),
        step(
            "Let the free side drop",
            "Without bending either knee, let the hip of the free leg drop a few "
            "centimetres below level.",
        ),
        step(
            "Hike",
            "Using the outside of the standing hip, lift the free side back up and a little "
            "above level. Pause for a second.",
        ),
    ],
    "mistakes": [
        mistake(
            "Leaning the trunk sideways",
            "Shifting the shoulders over the standing leg moves the pelvis without the hip "
            "muscles doing the work.",
            "Keep the shoulders level and the trunk still; only the pelvis moves.",
            "A burn on the outside of the standing hip, just behind the trouser pocket.",
        ),
    ],
    "levels": [
        level(
            "Hip hike with a hand on the wall",
            "Fingertips on a wall, slow and small movements.",
            support="Hand on a wall",
            sets=3,
            reps=12,
            advance_at=15,
        ),
        level(
            "Hip hike with a hold",
            "No support; hold the top position for three seconds on every rep.",
            support="No support",
            sets=3,
            reps=10,
            advance_at=15,
        ),
        level(
            "Loaded hip hike",
            "Hold a dumbbell in the hand on the free side: it pulls that side down, so the "
            "standing hip works harder to lift it.",
            support="Dumbbell",
            sets=3,
            reps=10,
            advance_at=12,
            load_kg="5",
            load_step="1",
            load_note="in the hand on the free-leg side",
        ),
    ],
}
