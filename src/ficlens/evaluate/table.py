"""The plain-text tables every `ficlens eval` command prints."""

from __future__ import annotations


def percent(rate: float | None) -> str:
    """A rate in [0, 1] as a percentage with one decimal, or "-" when there is none."""
    return "-" if rate is None else f"{100 * rate:.1f}"


def render(legend: str, header: list[str], rows: list[list[str]], footer: list[list[str]]) -> str:
    """Legend, header, the body rows between two rules, then the summary rows; the first
    column is left-aligned, the others right-aligned."""
    table = [header, *rows, *footer]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    rule = "-" * len(line(header))
    return "\n".join([legend, line(header), rule, *map(line, rows), rule, *map(line, footer)])
