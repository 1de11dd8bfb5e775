"""A goal written as a question, a label or several sentences, as a phrase."""

import pytest

from coach.domain.goal_phrase import goal_phrase

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("goal", "phrase"),
    [
        ("Why don't people in their twenties set up direct debits any more, and what do they do "
         "instead? One-off gifts, TikTok lives?",
         "Why people in their twenties don't set up direct debits any more"),
        ("What do the people on the ground really think of the move to 12-hour shifts?",
         "What the people on the ground really think of the move to 12-hour shifts"),
        ("How do customers under 30 decide whether to ask the pharmacist?",
         "How customers under 30 decide whether to ask the pharmacist"),
        ("Commuter students: why they don't come onto campus for anything except lectures",
         "why commuter students don't come onto campus for anything except lectures"),
        ("Women in signalling and track roles: what puts them off applying, and what makes "
         "them leave", "what puts women in signalling and track roles off applying"),
        ("Rhino and the parametric work: enough to ask sensible questions in design reviews",
         "Rhino and the parametric work"),
        ("Learn how fans under 25 follow the club: which parts of matchday they watch live",
         "Learn how fans under 25 follow the club"),
        ("Learn how applicants compare universities (TikTok? Discover Uni? older siblings?)",
         "Learn how applicants compare universities"),
        ("Find out how QA staff experience feedback. Is it the triage meeting where it goes "
         "wrong?", "Find out how QA staff experience feedback"),
        ("Goal 1: AI tools", "AI tools"),
        # an audit of 80 goals written for it: a subject up to its plural noun, no wish
        ("Why don't our junior solicitors speak up in client meetings?",
         "Why our junior solicitors don't speak up in client meetings"),
        ("Why don't young people want to work weekends?",
         "Why young people don't want to work weekends"),
        ("I want to understand neurodiversity at work", "understand neurodiversity at work"),
        ("Understand why younger engineers avoid the on-call rota and what would change that",
         "Understand why younger engineers avoid the on-call rota"),
        ("Get comfortable with Teams on the tablet so I stop printing the shift reports",
         "Get comfortable with Teams on the tablet"),
        ("Use the new booking system myself before I defend it at committee",
         "Use the new booking system"),
        # what people do, asked as how
        ("Teenagers use the library for the wifi and somewhere warm to sit. Is that a problem?",
         "how teenagers use the library for the wifi and somewhere warm to sit"),
        ("Gen Z customers prefer chat to phone calls",
         "how Gen Z customers prefer chat to phone calls"),
        # … a clause, as how; what people do not do, as why (starters-fresh2-1)
        ("Technicians get treated as 'a pair of hands'. I want to understand what that's like",
         "how technicians get treated as 'a pair of hands'"),
        ("Apprentices don't stay past year one", "why apprentices don't stay past year one"),
        ("Things that get lost at handover", "Things that get lost at handover"),
        ("Learn to use Power BI", "Learn to use Power BI"),
        ("Get a working feel for Python notebooks the pricing team uses",
         "Get a working feel for Python notebooks the pricing team uses"),
        ("Understand and use TikTok for hiring", "Understand and use TikTok for hiring"),
        ("Understand how students use AI tools", "Understand how students use AI tools"),
        ("Graduates leave within two years", "Graduates leave within two years"),
        ("Long hours culture", "Long hours culture"),
        # where the subject ends is not known: left as asked
        ("Why doesn't the night team use the app?", "Why the night team doesn't use the app"),
        ("Why doesn't the new rota work?", "Why doesn't the new rota work"),
        # a label up to 70 characters ("…: why" pasted into a starter, fresh3 ambulance)
        ("Newly qualified paramedics leaving in their first two years: why?",
         "Newly qualified paramedics leaving in their first two years"),
        # "does" with a known verb takes its ending (fresh3 parcel delivery: "chosen to show
        # something about what does the handheld …"); "did", or a verb not known, stays
        ("What does the handheld actually make drivers do on a 120-drop day?",
         "What the handheld actually makes drivers do on a 120-drop day"),
        ("What does a good first year look like?", "What a good first year looks like"),
        ("How does the night team hand over?", "How does the night team hand over"),
        ("What did the survey say?", "What did the survey say"),
        ("How do first-time buyers research a car?", "How first-time buyers research a car"),
        # asked yes or no: a "whether" clause (fresh4: "a real post on is there money …")
        ("Is there money in short digital runs for small online sellers?",
         "Whether there is money in short digital runs for small online sellers"),
        ("Do we need to be on TikTok, and who would actually run it?",
         "Whether we need to be on TikTok"),
        ("Should we offer direct cremation?", "Whether we should offer direct cremation"),
        # no sentence ends at an abbreviation (fresh4 ski resort: "… - Ikon vs")
        ("How do skiers pick a resort - Ikon vs. Epic pass?",
         "How skiers pick a resort - Ikon vs. Epic pass"),
        # a statement the goal asks why of (fresh4 leisure centre), not a thing named
        ("Teenagers drop off when junior membership ends at 16. Why, and what would keep them?",
         "why teenagers drop off when junior membership ends at 16"),
        ("Long hours culture. Why?", "Long hours culture"),
        # "is" in statement order where what the subject is starts plainly (fresh4 orchestra)
        ("Why is almost nobody under 35 at the Thursday concerts?",
         "Why almost nobody under 35 is at the Thursday concerts"),
        ("How is the new rota landing?", "How the new rota is landing"),
        ("What is the main thing holding us back?", "What is the main thing holding us back"),
        # the writer's wish that others do something: getting them to (fresh4 farm, toy maker)
        ("I want members to tell me what they think before it reaches the press.",
         "getting members to tell us what they think before it reaches the press"),
        ("I want the design studio to feel it can tell me no",
         "getting the design studio to feel it can tell us no"),
        ("I want to hear about problems early.", "hear about problems early"),
        ("How do cruisers under 35 decide, and whose opinion do they trust?",
         "How cruisers under 35 decide"),  # fresh4 cruise line
    ],
)  # fmt: skip
def test_a_goal_reads_as_a_phrase_in_its_own_words(goal, phrase):
    assert goal_phrase(goal) == phrase
