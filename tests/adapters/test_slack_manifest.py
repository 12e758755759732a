"""The app manifest asks for what the bot uses, and no more."""

from __future__ import annotations

from pathlib import Path

import yaml

import adapters

MANIFEST = Path(adapters.__file__).parent / "slack_manifest.yml"


def test_manifest_scopes_events_and_socket_mode() -> None:
    manifest = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))

    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert scopes == {
        "app_mentions:read",
        "chat:write",
        "im:history",
        "im:read",
        "channels:history",
        "groups:history",
    }
    settings = manifest["settings"]
    assert settings["event_subscriptions"]["bot_events"] == ["app_mention", "message.im"]
    assert settings["socket_mode_enabled"] is True
    assert manifest["features"]["app_home"]["messages_tab_enabled"] is True  # DMs allowed
    assert "request_url: https://" in MANIFEST.read_text(encoding="utf-8")  # HTTP placeholder
