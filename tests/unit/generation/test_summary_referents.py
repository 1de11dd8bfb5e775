"""An action's pronoun named from the notes before it, or left as written."""

from pathlib import Path

from coach.domain.summary_draft import Span, SummaryAction
from coach.domain.wording import content_words, sentences
from coach.generation.prompts import load_prompt
from coach.generation.summary_referents import named_referents
from coach.generation.summary_wordings import ReferentWording

REPO = Path(__file__).resolve().parents[3]
PROMPT = load_prompt(REPO / "prompts", "summary_referent")
TEXT = (
    "Good session. Tomás is going to pull the chat volume on refunds for November, "
    "and he'll have that for next session. I'll send him the slides by Friday."
)
NAMES = content_words("Tomás Ruiz Priya Shah")


def action(quote: str) -> SummaryAction:
    start = TEXT.index(quote)
    return SummaryAction(text=quote, owner="mentor",
                         span=Span(start=start, end=start + len(quote), quote=quote))  # fmt: skip


def run(reply: str, private: set[int] = frozenset()) -> tuple[list[str], list[str], list[str]]:
    asked: list[str] = []

    def ask(system: str, user: str) -> ReferentWording:
        asked.append(user)
        return ReferentWording(refers_to=reply)

    fixes: list[str] = []
    actions = [action("he'll have that for next session"), action("I'll send him the slides")]
    out = named_referents(actions, TEXT, sentences(TEXT), set(private), NAMES, PROMPT, ask, fixes)
    return [a.text for a in out], asked, fixes


def test_only_the_action_that_needs_it_is_asked_about_and_the_copied_words_replace_it():
    texts, asked, fixes = run("the chat volume on refunds")
    assert texts == ["he'll have the chat volume on refunds for next session",
                     "I'll send him the slides"]  # fmt: skip
    assert len(asked) == 1 and 'Word: "that"' in asked[0] and "pull the chat volume" in asked[0]
    assert fixes == ["action \"he'll have that for next session\": 'that' named from the notes"]


def test_words_not_in_the_notes_leave_the_action_as_written():
    texts, _, fixes = run("the refund dashboard")
    assert texts[0] == "he'll have that for next session"
    assert "not copied from the notes before the action" in fixes[0]


def test_a_private_sentence_is_never_sent_to_name_a_referent():
    second = sentences(TEXT)[1].start
    texts, asked, _ = run("the chat volume on refunds", {second})
    assert asked == [] and texts[0] == "he'll have that for next session"


def test_a_referent_the_action_already_names_is_not_said_twice():
    text = "I drew up the checklist for the depot. I owe him the checklist, promised it."
    quote = "I owe him the checklist, promised it"
    start = text.index(quote)
    owed = SummaryAction(text=quote, owner="mentor",
                         span=Span(start=start, end=start + len(quote), quote=quote))  # fmt: skip
    fixes: list[str] = []
    reply = ReferentWording(refers_to="the checklist")
    out = named_referents([owed], text, sentences(text), set(), NAMES, PROMPT,
                          lambda _s, _u: reply, fixes)  # fmt: skip
    assert out[0].text == quote and "already named in the action" in fixes[0]
