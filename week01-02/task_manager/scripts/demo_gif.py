"""Record a real session of the CLI and save it as an animated GIF (docs/demo.gif).

Run from the project folder: python scripts/demo_gif.py [--out docs/demo.gif]
Each command runs as a real process on a pseudo-terminal (so the CLI draws its rich
tables and colours, exactly as in a terminal) against a fresh data file; the captured
output is drawn with a monospace font, typed out command by command. Nothing is faked:
a change in the CLI shows in the next recording. Needs Pillow and a DejaVu Sans Mono
font (Debian's fonts-dejavu-core); the tests do not need either.
"""

from __future__ import annotations

import argparse
import os
import pty
import shlex
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from rich.terminal_theme import MONOKAI
from rich.text import Text

PROJECT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = PROJECT / "docs" / "demo.gif"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf")
BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf")
COLUMNS, ROWS, FONT_SIZE = 92, 24, 15
BACKGROUND, FOREGROUND, PROMPT = (39, 40, 34), (230, 230, 225), (166, 226, 46)


def session(today: date) -> list[str]:
    """The commands typed, with due dates around the day of the recording."""
    soon, later = today + timedelta(days=2), today + timedelta(days=9)
    return [
        f'add "Fix login redirect loop" -p high -t bug -d {soon}',
        f'add "Write release notes for v1.0.0" -t docs -d {later}',
        'add "Book dentist appointment" -p low -t home',
        "list --sort priority",
        "complete 1",
        "list --status pending",
        "stats",
    ]


@dataclass
class Frame:
    """The screen's lines (as rich Text) and how long to show them, in ms."""

    lines: list[Text]
    duration: int


def run_on_terminal(args: list[str], data_file: Path) -> str:
    """Run `python main.py --file DATA ARGS` on a pseudo-terminal; return what it drew."""
    controller, terminal = pty.openpty()
    env = dict(os.environ, COLUMNS=str(COLUMNS), LINES=str(ROWS), TERM="xterm-256color")
    command = [sys.executable, str(PROJECT / "main.py"), "--file", str(data_file), *args]
    process = subprocess.Popen(
        command, stdin=terminal, stdout=terminal, stderr=terminal, env=env, cwd=PROJECT
    )
    os.close(terminal)
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the terminal closed: the process is done
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=30)
    os.close(controller)
    return b"".join(chunks).decode("utf-8", errors="replace").replace("\r\n", "\n")


def record(data_file: Path) -> list[Frame]:
    """Type each command, then show its real output."""
    screen: list[Text] = []
    frames = []
    for line in session(date.today()):
        shown = Text("$ ", style="bold green")
        for end in range(0, len(line) + 1, 3):
            typing = shown.copy()
            typing.append(f"python main.py {line[:end]}")
            frames.append(Frame([*screen, typing][-ROWS:], 45))
        shown.append(f"python main.py {line}")
        output = run_on_terminal(shlex.split(line), data_file)
        screen = [*screen, shown, *Text.from_ansi(output.rstrip("\n")).split("\n")]
        frames.append(Frame(screen[-ROWS:], 1800))
    frames[-1].duration = 4000
    return frames


def _colour(text: Text, index: int, default: tuple[int, int, int]) -> tuple[int, int, int]:
    for span in text.spans:
        if span.start <= index < span.end and span.style:
            style = span.style if not isinstance(span.style, str) else None
            if style is not None and style.color is not None:
                triplet = style.color.get_truecolor(MONOKAI)
                return (triplet.red, triplet.green, triplet.blue)
    return default


def draw(frame: Frame, font: ImageFont.FreeTypeFont) -> Image.Image:
    """One frame as an image: a character grid, each character in its colour."""
    width, height = round(font.getlength("M")), FONT_SIZE + 4
    image = Image.new("RGB", (COLUMNS * width + 24, ROWS * height + 24), BACKGROUND)
    pen = ImageDraw.Draw(image)
    for row, line in enumerate(frame.lines):
        plain = line.plain[:COLUMNS]
        for column, char in enumerate(plain):
            if char != " ":
                fill = _colour(line, column, PROMPT if plain.startswith("$") else FOREGROUND)
                pen.text((12 + column * width, 12 + row * height), char, font=font, fill=fill)
    return image


def main() -> None:
    """Record the session and write the GIF."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    out = parser.parse_args().out
    font = ImageFont.truetype(str(FONT), FONT_SIZE)
    with tempfile.TemporaryDirectory() as folder:
        frames = record(Path(folder) / "tasks.json")
    images = [draw(frame, font) for frame in frames]
    out.parent.mkdir(parents=True, exist_ok=True)
    images[0].save(
        out,
        save_all=True,
        append_images=images[1:],
        duration=[frame.duration for frame in frames],
        loop=0,
        optimize=True,
    )
    print(f"wrote {out} ({len(images)} frames)")


if __name__ == "__main__":
    main()
