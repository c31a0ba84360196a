"""scores.png: values on the bars, the signature and the gold in the picture, no empty slot for a
task a backend does not do."""

from __future__ import annotations

from typing import Any

import pytest

from newsgold.plot import plot_scores, scores_figure, wrap_signature

SIG = ("newsgold:0.1.0|gold:a0469467ffd6|ent:strict,exact,partial,type|quote:ovl0.5|claim:jac0.5|"
       "unit:sentence|ci:bs1000|seed:12345")


def task(headline: str, f1: float, ci: list[float] | None) -> dict[str, Any]:
    return {"headline": headline, "f1": f1, "precision": f1, "recall": f1, "ci": ci}


REPORT: dict[str, Any] = {
    "signature": SIG,
    "gold": {"path": "annotations", "sha256": "a0469467ffd6" + "0" * 52},
    "settings": {"bootstrap": 1000, "confidence": 0.95},
    "backends": {
        "rules": {"status": "ok", "tasks": {"entities": task("strict.f1", 0.905, [0.841, 0.966]),
                                            "quotes": task("e2e.f1", 1.0, [1.0, 1.0]),
                                            "claims": task("span.f1", 0.8, [0.7, 0.9])}},
        "spacy": {"status": "ok", "tasks": {"entities": task("strict.f1", 0.9049, [0.819, 0.975]),
                                            "quotes": task("e2e.f1", 1.0, None)}},
        "textacy": {"status": "ok", "tasks": {"quotes": task("e2e.f1", 0.4, [0.0, 0.696])}},
        "ghost": {"status": "skipped", "reason": "not installed"},
    },
}


@pytest.fixture(scope="module")
def figure():
    import matplotlib.pyplot as plt

    fig = scores_figure(REPORT)
    yield fig
    plt.close(fig)


def bars(fig) -> dict[tuple[str, str], Any]:
    ax = fig.axes[0]
    return {tuple(p.get_gid().split(":", 1)[1].rsplit(":", 1)): p for p in ax.patches if (p.get_gid() or "").startswith("bar:")}


def test_every_bar_carries_its_value(figure):
    ax = figure.axes[0]
    values = {t.get_gid(): t.get_text() for t in ax.texts if (t.get_gid() or "").startswith("value:")}
    expected = {f"value:{n}:{t}": f"{v['f1']:.3f}" for n, b in REPORT["backends"].items() if b["status"] == "ok"
                for t, v in b["tasks"].items()}
    assert values == expected
    for (name, t), patch in bars(figure).items():  # the value sits on its own bar
        text = next(x for x in ax.texts if x.get_gid() == f"value:{name}:{t}")
        assert text.get_position()[0] == pytest.approx(patch.get_x() + patch.get_width() / 2)


def test_no_empty_slot_for_a_task_a_backend_does_not_do(figure):
    placed = bars(figure)
    assert set(placed) == {(n, t) for n, b in REPORT["backends"].items() if b["status"] == "ok" for t in b["tasks"]}
    ticks = {label.get_text().split("\n")[0]: x for label, x in zip(figure.axes[0].get_xticklabels(), figure.axes[0].get_xticks())}
    for t, x in ticks.items():
        group = sorted((p for (n, tt), p in placed.items() if tt == t), key=lambda p: p.get_x())
        width = group[0].get_width()
        for left, right in zip(group, group[1:]):  # side by side, no gap
            assert right.get_x() == pytest.approx(left.get_x() + width)
        centre = (group[0].get_x() + group[-1].get_x() + width) / 2
        assert centre == pytest.approx(x)  # centred on its task
    # one colour per backend across groups
    colours = {n: {p.get_facecolor() for (nn, _), p in placed.items() if nn == n} for n in ("rules", "spacy")}
    assert all(len(c) == 1 for c in colours.values()) and colours["rules"] != colours["spacy"]


def test_caption_holds_the_signature_and_title_the_gold(figure):
    caption = next(t for t in figure.texts if t.get_gid() == "caption").get_text()
    assert caption.replace("\n", "") == f"signature: {SIG}"
    assert all(len(line) <= 110 for line in caption.splitlines())
    title = figure.axes[0].get_title()
    assert "annotations" in title and "a0469467ffd6" in title


def test_plot_scores_writes_a_png(tmp_path):
    plot_scores(REPORT, tmp_path / "scores.png")
    assert (tmp_path / "scores.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_wrap_signature_breaks_only_at_separators():
    lines = wrap_signature(SIG, 40).splitlines()
    assert "".join(lines) == SIG and all(line.startswith("|") for line in lines[1:])
