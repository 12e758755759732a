"""The bot end to end: signed Events API requests over HTTP to /slack/events, the real
`answer()` on the bundled call, replies observed at a local Slack Web API."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest
from slack_mock_api import (
    BOT_ID,
    BOT_TOKEN,
    BOT_USER_ID,
    SIGNING_SECRET,
    MockSlack,
    all_text,
    block_problems,
    event_envelope,
    post_signed,
    serve,
)

from adapters.slack import LOOKING_UP, USAGE, build_app, run
from callqa.settings import Settings
from chain.types import Answer, Message

MENTION = f"<@{BOT_USER_ID}>"


def send(url: str, event: dict[str, Any], **kwargs: Any) -> int:
    status, _ = post_signed(url, SIGNING_SECRET, event_envelope(event), **kwargs)
    return status


def mention(slack: MockSlack, url: str, channel: str, text: str, thread_ts: str | None = None):
    """A person @mentions the bot in a channel (stored at the mock, then delivered)."""
    message = slack.user_says(channel, f"{MENTION} {text}", thread_ts=thread_ts)
    event = {**message, "type": "app_mention", "channel": channel}
    assert send(url, event) == 200
    return message


def reply_to(slack: MockSlack, channel: str) -> tuple[Any, Any]:
    """The placeholder the bot posted in `channel` and the update that replaced it."""
    placeholder = slack.wait_for("chat.postMessage", channel=channel)
    update = slack.wait_for("chat.update", channel=channel, ts=placeholder.response["ts"])
    return placeholder, update


def sources(blocks: list[dict[str, Any]]) -> list[str]:
    return [
        b["elements"][0]["text"]
        for b in blocks
        if b["type"] == "context" and b["elements"][0]["text"].startswith("*[")
    ]


def test_mention_is_answered_in_its_thread_with_citations(
    slack_api: MockSlack, bot_url: str
) -> None:
    question = mention(slack_api, bot_url, "C0MENTION", "How fast did cloud revenue grow?")

    placeholder, update = reply_to(slack_api, "C0MENTION")

    assert placeholder.params["text"] == LOOKING_UP
    assert placeholder.params["thread_ts"] == question["ts"]
    assert update.response["ok"], update.response  # Slack (the mock) accepted the blocks
    blocks = update.params["blocks"]
    assert block_problems(blocks) == [] and len(update.params["text"]) <= 4000
    assert "18%" in update.params["text"] and "18%" in blocks[0]["text"]["text"]
    cited = sources(blocks)
    assert cited and any("18%" in s for s in cited)
    assert "Mode: offline" in all_text(blocks)
    # A new thread has no history to read.
    assert slack_api.calls_to("conversations.replies", channel="C0MENTION") == []


def test_direct_message_is_answered_without_a_mention(slack_api: MockSlack, bot_url: str) -> None:
    message = slack_api.user_says("D0DIRECT", "How much did AIDC revenue grow?")
    event = {**message, "type": "message", "channel": "D0DIRECT", "channel_type": "im"}

    assert send(bot_url, event) == 200
    placeholder, update = reply_to(slack_api, "D0DIRECT")

    assert placeholder.params["thread_ts"] == message["ts"]
    assert "22%" in update.params["text"]
    assert sources(update.params["blocks"])


def test_follow_up_in_a_thread_uses_the_thread_as_history(
    slack_api: MockSlack, bot_url: str
) -> None:
    first = mention(slack_api, bot_url, "C0FOLLOW", "How fast did cloud revenue grow?")
    first_placeholder, first_update = reply_to(slack_api, "C0FOLLOW")
    assert "18%" in first_update.params["text"]

    mention(slack_api, bot_url, "C0FOLLOW", "What about AIDC?", thread_ts=first["ts"])

    replies = slack_api.wait_for("conversations.replies", channel="C0FOLLOW")
    assert replies.params["ts"] == first["ts"]
    thread = [m["text"] for m in replies.response["messages"]]
    assert thread[:2] == [first["text"], first_update.params["text"]]  # question, bot's answer
    second = slack_api.wait_for(
        "chat.update", channel="C0FOLLOW", where=lambda c: c is not first_update
    )
    second_placeholder = [
        c
        for c in slack_api.calls_to("chat.postMessage", channel="C0FOLLOW")
        if c.response["ts"] == second.params["ts"]
    ]
    assert second_placeholder and second_placeholder[0].params["thread_ts"] == first["ts"]
    assert second.params["ts"] != first_placeholder.response["ts"]
    # "What about AIDC?" alone has no metric: the earlier question supplied it.
    read_as = [n for n in all_text(second.params["blocks"]).splitlines() if n.startswith("Read as")]
    assert read_as and "AIDC" in read_as[0] and "grow" in read_as[0]
    assert "22%" in second.params["text"]


def test_bare_mention_gets_usage_help(slack_api: MockSlack, bot_url: str) -> None:
    question = mention(slack_api, bot_url, "C0BARE", "  ")

    placeholder, update = reply_to(slack_api, "C0BARE")

    assert placeholder.params["thread_ts"] == question["ts"]
    assert update.params["text"] == USAGE and update.response["ok"]


def test_retries_other_bots_and_own_messages_get_no_reply(
    slack_api: MockSlack, bot_url: str
) -> None:
    user_message = slack_api.user_says("D0QUIET", "How fast did cloud revenue grow?")
    dm = {"type": "message", "channel": "D0QUIET", "channel_type": "im"}
    retry = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}

    assert send(bot_url, {**user_message, **dm}, headers=retry) == 200
    other_bot = {"subtype": "bot_message", "bot_id": "B0OTHER", "text": "beep", "ts": "1.1"}
    assert send(bot_url, {**dm, **other_bot}) == 200
    own = {"user": BOT_USER_ID, "bot_id": BOT_ID, "text": "Cloud grew 18%.", "ts": "1.2"}
    assert send(bot_url, {**dm, **own}) == 200
    edited = {"subtype": "message_changed", "hidden": True, "ts": "1.3", "message": own}
    assert send(bot_url, {**dm, **edited}) == 200  # acked, so Slack does not retry it

    # Then a real question in the same DM: once it is answered, nothing else was.
    sentinel = slack_api.user_says("D0QUIET", "What was free cash flow this quarter?")
    assert send(bot_url, {**sentinel, **dm}) == 200
    _, update = reply_to(slack_api, "D0QUIET")
    posts = slack_api.calls_to("chat.postMessage", channel="D0QUIET")
    assert [p.params["thread_ts"] for p in posts] == [sentinel["ts"]]
    assert update.response["ok"]


def test_forged_or_stale_requests_are_rejected(slack_api: MockSlack, bot_url: str) -> None:
    message = slack_api.user_says("D0FORGED", "How fast did cloud revenue grow?")
    event = event_envelope(
        {**message, "type": "message", "channel": "D0FORGED", "channel_type": "im"}
    )

    tampered, _ = post_signed(
        bot_url, SIGNING_SECRET, event, tamper=lambda body: body.replace("cloud", "CLOUD")
    )
    wrong_secret, _ = post_signed(bot_url, "not-the-secret", event)
    stale, _ = post_signed(
        bot_url, SIGNING_SECRET, event, headers={"X-Slack-Request-Timestamp": "1600000000"}
    )

    assert (tampered, wrong_secret, stale) == (401, 401, 401)
    assert slack_api.calls_to("chat.postMessage", channel="D0FORGED") == []


def test_url_verification_challenge_is_answered(bot_url: str) -> None:
    challenge = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"
    payload = {"token": "legacy", "challenge": challenge, "type": "url_verification"}
    status, body = post_signed(bot_url, SIGNING_SECRET, payload)
    assert status == 200 and challenge in body


@pytest.fixture
def failing_bot_url(slack_settings: Settings) -> Iterator[str]:
    def broken_chain(question: str, *, history: list[Message] | None = None) -> Answer:
        raise RuntimeError("vector store unavailable")

    with serve(build_app(slack_settings, answer_fn=broken_chain)) as url:
        yield url


def test_chain_error_gets_a_friendly_reply_in_the_thread(
    slack_api: MockSlack, failing_bot_url: str
) -> None:
    question = mention(slack_api, failing_bot_url, "C0BROKEN", "How fast did cloud revenue grow?")

    placeholder, update = reply_to(slack_api, "C0BROKEN")

    assert placeholder.params["thread_ts"] == question["ts"]
    assert update.params["text"] == (
        "Sorry, I couldn't answer that just now. Something went wrong while answering "
        "(RuntimeError); the error was logged. Please try again."
    )
    assert "vector store unavailable" not in update.params["text"]
    assert update.response["ok"]


def test_tokens_are_not_logged(
    slack_api: MockSlack, slack_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)

    def echo(question: str, *, history: list[Message] | None = None) -> Answer:
        return Answer(question=question, standalone_question=question, answer="ok")

    with serve(build_app(slack_settings, answer_fn=echo)) as url:
        mention(slack_api, url, "C0LOGS", "hello?")
        reply_to(slack_api, "C0LOGS")

    assert caplog.records and BOT_TOKEN not in caplog.text and SIGNING_SECRET not in caplog.text


def test_run_refuses_to_start_without_credentials(slack_settings: Settings) -> None:
    bare = slack_settings.model_copy(update={"slack_bot_token": None})
    with pytest.raises(SystemExit, match="SLACK_BOT_TOKEN"):
        run(bare)
    http_without_secret = slack_settings.model_copy(update={"slack_signing_secret": None})
    with pytest.raises(SystemExit, match="SLACK_SIGNING_SECRET"):
        run(http_without_secret)


def test_unreadable_thread_history_still_gets_an_answer(slack_api: MockSlack, bot_url: str) -> None:
    """A missing scope for conversations.replies must not turn a follow-up into an apology."""
    slack_api.errors[("conversations.replies", "C0NOSCOPE")] = "missing_scope"
    first = mention(slack_api, bot_url, "C0NOSCOPE", "How fast did cloud revenue grow?")
    _, first_update = reply_to(slack_api, "C0NOSCOPE")

    mention(
        slack_api, bot_url, "C0NOSCOPE", "How fast did cloud revenue grow?", thread_ts=first["ts"]
    )

    replies = slack_api.wait_for("conversations.replies", channel="C0NOSCOPE")
    assert replies.response == {"ok": False, "error": "missing_scope"}
    second = slack_api.wait_for(
        "chat.update", channel="C0NOSCOPE", where=lambda c: c is not first_update
    )
    assert not second.params["text"].startswith("Sorry")
    assert "18%" in second.params["text"]  # answered, just without the thread as context


def test_last_resort_post_failure_is_logged_not_raised(
    slack_api: MockSlack, caplog: pytest.LogCaptureFixture
) -> None:
    from slack_sdk import WebClient

    from adapters.slack import _deliver

    slack_api.errors[("chat.postMessage", "C0GONE")] = "channel_not_found"
    client = WebClient(token=BOT_TOKEN, base_url=slack_api.base_url)
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "hi"}}]
    logger = logging.getLogger("callqa.test.deliver")

    with caplog.at_level(logging.WARNING, logger="callqa.test.deliver"):
        _deliver(client, "C0GONE", "1715000000.000100", None, "hi", blocks, logger)

    posts = slack_api.calls_to("chat.postMessage", channel="C0GONE")
    assert [bool(p.params.get("blocks")) for p in posts] == [True, False]  # blocks, then text
    assert "could not deliver the reply: channel_not_found" in caplog.text
