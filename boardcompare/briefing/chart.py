"""The briefing's chart (a PNG): themes against the other boards, and each fairly compared figure on
its own labelled axis against the other boards' values and median. Nothing is drawn that the
comparison rules (boardcompare.fairness) would not state in words."""

from __future__ import annotations

import io

from boardcompare.briefing.blocks import Line
from boardcompare.briefing.model import FigureRow, ThemeCovered
from boardcompare.display import format_value, plural
from boardcompare.fairness import GAP_SHARE, ThemeComparison, ThemeShare

MAX_THEMES = 16
BLUE, ORANGE, GREY, DARK = "#0072B2", "#D55E00", "#b8b8b8", "#222222"


def _short(text: str, n: int = 34) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _themes_shown(comparison: ThemeComparison) -> list[ThemeShare]:
    """This board's themes and the gaps first, then the most discussed others; at most MAX_THEMES."""
    applying = [t for t in comparison.themes if t.applies and (t.n or t.covered)]
    ranked = sorted(applying, key=lambda t: (not (t.covered or t.is_gap), -t.share, t.label))[:MAX_THEMES]
    return sorted(ranked, key=lambda t: (t.share, t.label))


def _theme_panel(ax, who: str, period: str | None, comparison: ThemeComparison) -> None:
    shown = _themes_shown(comparison)
    ys = list(range(len(shown)))
    colours = [BLUE if t.covered else (ORANGE if t.is_gap else GREY) for t in shown]
    ax.barh(ys, [t.share * 100 for t in shown], color=colours, height=0.7)
    ax.set_yticks(ys, [_short(t.label) for t in shown], fontsize=7.5)
    for y, t in zip(ys, shown, strict=True):
        ax.text(t.share * 100 + 1, y, f"{t.n} of {t.n_peers}" + (" ✓" if t.covered else ""), va="center", fontsize=7)
    ax.axvline(GAP_SHARE * 100, color="#666666", linestyle=":", linewidth=0.8)
    ax.set_xlim(0, 115)
    ax.set_xlabel(f"Share of the {len(comparison.peers)} other boards that discussed the theme ({comparison.scope})",
                  fontsize=8)
    ax.tick_params(axis="x", labelsize=7)
    ax.xaxis.set_major_formatter(lambda x, _pos: f"{x:.0f}%")
    ax.set_title(f"Themes: {who} {period or ''} (blue: discussed; orange: a gap)", fontsize=9.5, loc="left")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _figure_panel(ax, r: FigureRow, first: bool) -> None:
    """One figure on its own axis: the other boards' values (grey), their median (black) and this board (blue)."""
    peer = r.peer
    ax.scatter(peer.values, [0] * peer.n, color=GREY, s=28, zorder=2, label="other boards")
    ax.plot([peer.median], [0], marker="|", color=DARK, markersize=16, mew=2.5, linestyle="none", zorder=3,
            label="their median")
    ax.scatter([r.value], [0], color=ORANGE if r.position else BLUE, s=55, zorder=4, label="this board")
    low, high = min(*peer.values, r.value), max(*peer.values, r.value)
    pad = (high - low) * 0.08 or max(abs(high) * 0.1, 1)
    ax.set_xlim(low - pad, high + pad)
    ax.set_yticks([])
    ax.set_ylim(-1, 1)
    ax.xaxis.set_major_formatter(lambda x, _pos: format_value(x, r.unit))
    ax.tick_params(axis="x", labelsize=7)
    ax.set_title(f"{_short(r.label, 60)}: {r.shown} against a median of {r.peer.median_text()}", fontsize=8,
                 loc="left")
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    if first:
        ax.legend(loc="upper right", fontsize=6.5, frameon=False, ncols=3, bbox_to_anchor=(1, 1.9))


def render(who: str, period: str | None, themes: list[ThemeCovered], comparison: ThemeComparison,
           figures: list[FigureRow]) -> bytes | None:
    """The chart as a PNG, or None when nothing can be compared fairly."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    compared = [r for r in figures if r.peer is not None and r.peer.comparable]
    draw_themes = comparison.comparable and bool(_themes_shown(comparison))
    if not (draw_themes or compared):
        return None
    h_themes = (0.9 + 0.22 * len(_themes_shown(comparison))) if draw_themes else 0
    heights = ([h_themes] if draw_themes else []) + [0.95] * len(compared)
    fig = Figure(figsize=(7.5, sum(heights) + 0.4), dpi=150)
    FigureCanvasAgg(fig)
    grid = fig.add_gridspec(len(heights), 1, height_ratios=heights, hspace=1.1 if compared else 0.2)
    if draw_themes:
        _theme_panel(fig.add_subplot(grid[0]), who, period, comparison)
    for i, r in enumerate(compared):
        _figure_panel(fig.add_subplot(grid[i + int(draw_themes)]), r, first=i == 0)
    fig.subplots_adjust(left=0.3, right=0.97, top=1 - 0.35 / (sum(heights) + 0.4), bottom=0.5 / (sum(heights) + 0.4))
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def caption(who: str, comparison: ThemeComparison, figures: list[FigureRow], meeting_note: int,
            themes_note: int | None) -> Line:
    """What the chart shows, in words (its text alternative), or why there is none."""
    compared = [r for r in figures if r.peer is not None and r.peer.comparable]
    notes = (meeting_note, themes_note or 0, *(r.comparison_note or 0 for r in compared))
    parts = []
    if comparison.comparable:
        parts.append(f"the themes {who} discussed, against the share of the {len(comparison.peers)} other boards"
                     f" ({comparison.scope}) that discussed each")
    if compared:
        parts.append(f"{plural(len(compared), 'figure')}, each on its own scale, against the other boards' values"
                     " (grey) and their median (black tick)")
    if not parts:
        reason = comparison.reason() or "no other board's figures compare with these"
        return Line(f"No chart: {reason}, and no figure was reported by enough other boards to compare.", notes)
    return Line("Chart: " + "; and ".join(parts) + ".", notes)
