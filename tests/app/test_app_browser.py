"""The web UI in a real headless Chromium against the real app (real index, offline answers)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

pytestmark = pytest.mark.browser

BOT = '#cq-chat [data-testid="bot"]'
DONE = '.cq-sources[data-state="answered"], .cq-sources[data-state="failed"]'


def ask(page: Page, question: str) -> Locator:
    """Type `question`, press Enter, wait until the answer has finished; return its bubble.

    Each test uses a fresh page, so the sources panel starts "empty" and only turns
    "answered"/"failed" once the final answer (not a streamed partial) is shown.
    """
    box = page.locator("#cq-question textarea")
    box.fill(question)
    box.press("Enter")
    expect(page.locator(DONE)).to_have_count(1)
    return page.locator(BOT).last


def test_english_question_gets_a_cited_answer_with_source_cards(
    page: Page, artifacts: Path
) -> None:
    bubble = ask(page, "How fast did cloud revenue grow?")
    expect(bubble).to_contain_text("18%")
    expect(bubble.locator('a[href="#cite-1"]')).to_have_count(1)
    card = page.locator("#cite-1")
    expect(card).to_be_visible()
    expect(card.locator(".cq-speaker")).not_to_be_empty()
    expect(card.locator(".cq-meta")).to_contain_text("Earnings Call")
    expect(card.locator("mark")).not_to_be_empty()
    # The figure is quoted (highlighted) in one of the cards.
    expect(page.locator(".cq-card mark", has_text="18%").first).to_be_visible()
    expect(page.locator("#cq-mode")).to_have_text("Offline extractive")
    page.screenshot(path=artifacts / "app-answer.png")


def test_chinese_question_gets_an_answer(page: Page, artifacts: Path) -> None:
    bubble = ask(page, "哪位高管谈到了云业务的增长?")
    expect(bubble).not_to_contain_text("⚠️")
    expect(bubble).not_to_have_text("…")
    expect(page.locator(".cq-card").first).to_be_visible()
    page.screenshot(path=artifacts / "app-answer-zh.png")


def test_firm_question_cites_the_operators_introduction(page: Page, artifacts: Path) -> None:
    """The analyst's firm is cited where the call states it: the operator's introduction."""
    bubble = ask(page, "Which firm is Kenneth Fong with?")
    expect(bubble).to_contain_text("UBS")
    card = page.locator("#cite-1")
    expect(card.locator(".cq-speaker")).to_have_text("Operator")
    expect(card.locator("mark")).to_have_text(
        "Your next question comes from Kenneth Fong with UBS."
    )
    expect(page.locator("#cite-2")).to_have_count(0)  # the introduction says it all
    page.screenshot(path=artifacts / "app-answer-firm.png")


def test_a_phrases_rendering_shows_the_original_and_its_interpretation(
    page: Page, artifacts: Path
) -> None:
    """ "How did the interpreter render 白牌卖家?": the English sentence and the Chinese one,
    each on a card of its own, the phrase's words highlighted in both."""
    bubble = ask(page, "How did the interpreter render 白牌卖家?")
    expect(bubble).to_contain_text("white label merchants")
    expect(page.locator(".cq-card mark", has_text="white label").first).to_be_visible()
    expect(page.locator(".cq-card mark", has_text="白牌卖家").first).to_be_visible()
    page.screenshot(path=artifacts / "app-answer-rendering.png")


def test_clicking_a_citation_scrolls_its_card_into_view(
    chromium: Browser, app_server: str, artifacts: Path
) -> None:
    # Narrow window: the sources panel stacks below the chat, out of view.
    context = chromium.new_context(viewport={"width": 700, "height": 800})
    try:
        page = context.new_page()
        page.goto(app_server)
        bubble = ask(page, "How fast did cloud revenue grow?")
        card = page.locator("#cite-1")
        expect(card).not_to_be_in_viewport()
        bubble.locator('a[href="#cite-1"]').click()
        expect(card).to_be_in_viewport()
        page.screenshot(path=artifacts / "app-citation-click.png")
    finally:
        context.close()


def test_quotes_from_one_paragraph_share_one_card(page: Page, artifacts: Path) -> None:
    """Found in a browser check: three quotes from one paragraph showed the paragraph three
    times. Now it is one card with three marks, and each [n] link still reaches it."""
    bubble = ask(page, "Break down the dividends for FY25 into their components")
    expect(bubble.locator("a.cq-cite")).to_have_count(3)
    expect(page.locator(".cq-card")).to_have_count(1)
    card = page.locator(".cq-card")
    expect(card.locator(".cq-n")).to_have_text(["1", "2", "3"])
    expect(card.locator("mark")).to_have_count(3)
    expect(card.locator("mark", has_text="$0.95")).to_be_visible()
    bubble.locator('a[href="#cite-3"]').click()
    expect(card).to_have_class("cq-card cq-flash")
    page.screenshot(path=artifacts / "app-one-card-three-quotes.png")


def test_a_tall_list_of_sources_scrolls_to_its_last_card(page: Page, artifacts: Path) -> None:
    """Found in a browser check: three cards taller than the panel were cut off, and the
    wheel could not reach the last one (Gradio's inline overflow beat the stylesheet)."""
    # (every segment's revenue sentence: six cards, which no panel height holds)
    ask(page, "Which segment grew fastest this quarter?")
    panel = page.locator("#cq-sources")
    last = page.locator(".cq-card").last
    expect(last).to_have_count(1)
    assert panel.evaluate("el => getComputedStyle(el).overflowY") == "auto"
    assert panel.evaluate("el => el.scrollHeight > el.clientHeight")
    panel.hover()
    page.mouse.wheel(0, 4000)
    expect(last).to_be_in_viewport()
    page.screenshot(path=artifacts / "app-tall-sources.png")


def test_empty_question_shows_a_clear_message(page: Page, artifacts: Path) -> None:
    page.locator("#cq-ask").click()
    bubble = page.locator(BOT).last
    expect(bubble).to_contain_text("⚠️")
    expect(bubble).not_to_contain_text("Something went wrong")
    expect(page.locator(".cq-card")).to_have_count(0)
    page.screenshot(path=artifacts / "app-empty-question.png")


def test_an_empty_question_after_an_answer_keeps_its_sources(page: Page) -> None:
    """Found in the browser: the empty-question note used to clear the last answer's cards
    and unlink its [n]."""
    ask(page, "How fast did cloud revenue grow?")
    cards = page.locator(".cq-card").count()
    assert cards >= 1
    page.locator("#cq-ask").click()
    expect(page.locator(BOT).last).to_contain_text("⚠️")
    expect(page.locator(".cq-card")).to_have_count(cards)
    expect(page.locator(f'{BOT} a[href="#cite-1"]')).to_have_count(1)
    # (the note is a turn of its own, after "(empty question)": not inside the last answer)
    expect(page.locator('#cq-chat [data-testid="user"]').last).to_contain_text("empty question")
    expect(page.locator(BOT).first).not_to_contain_text("⚠️")


def test_example_question_is_asked_on_click(page: Page) -> None:
    page.locator("#cq-examples").get_by_text("How many 88VIP members are there?").click()
    expect(page.locator(DONE)).to_have_count(1)
    expect(page.locator(BOT).last).to_contain_text("50 million")


def test_follow_up_question_uses_the_conversation(page: Page, artifacts: Path) -> None:
    first = ask(page, "How fast did cloud revenue grow?")
    expect(first).to_contain_text("18%")
    page.locator("#cq-question textarea").fill("And what about customer management revenue?")
    page.locator("#cq-question textarea").press("Enter")
    # The second bubble appears together with the "pending" sources panel, so once there are
    # two answers and the panel says "answered", the second answer is final.
    expect(page.locator(BOT)).to_have_count(2)
    expect(page.locator(DONE)).to_have_count(1)
    expect(page.locator(BOT).last).to_contain_text("12%")
    expect(page.locator(".cq-card mark", has_text="12%").first).to_be_visible()
    # The cards are the latest answer's, so only its [n] stay links.
    expect(page.locator(BOT).first.locator("a.cq-cite")).to_have_count(0)
    expect(page.locator(BOT).last.locator("a.cq-cite").first).to_be_visible()
    # One way to clear (the button under the chat): the chat's own trash icon covered the
    # top message's copy icon once the chat scrolled.
    expect(page.locator('#cq-chat button[aria-label="Clear"]')).to_be_hidden()
    expect(page.locator("#cq-clear")).to_be_visible()
    page.screenshot(path=artifacts / "app-conversation.png")


def test_speaker_filter_from_the_dropdown(page: Page) -> None:
    page.locator("#cq-speaker input").click()
    page.get_by_role("option", name="Toby Xu — CFO").click()
    expect(page.locator("#cq-speaker input")).to_have_value("Toby Xu — CFO")
    ask(page, "How fast did cloud revenue grow?")
    speakers = page.locator(".cq-card .cq-speaker")
    expect(speakers.first).to_be_visible()
    for name in speakers.all_inner_texts():
        assert name == "Toby Xu"
