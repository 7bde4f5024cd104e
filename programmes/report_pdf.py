"""An annual report as a PDF (A4), from the same document as the printable page.

reportlab is pure Python. Every font is embedded as a subset, so the PDF reads the same on any
machine: Latin text in Bitstream Vera, which reportlab ships (regular and bold); Japanese in
IPAexGothic, which `make` puts in settings.PDF_FONTS_DIR. A report in another language that
quotes a Japanese name is set in the Japanese font too, so nothing renders as blank boxes.
IPAexGothic has no bold face: its headings are drawn with their outlines stroked, so they are
bold as well. Without the font file (a machine `make` did not set up), Japanese falls back to
the CID font HeiseiKakuGo-W5, which the PDF reader must supply.
"""

import io
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

LATIN_FONT, LATIN_BOLD = "Vera", "VeraBd"
pdfmetrics.registerFont(TTFont(LATIN_FONT, "Vera.ttf"))  # found on reportlab's font path
pdfmetrics.registerFont(TTFont(LATIN_BOLD, "VeraBd.ttf"))
INK, ACCENT, MUTED = colors.black, colors.HexColor("#0b4f6c"), colors.HexColor("#444444")


def _japanese_font():
    path = settings.PDF_FONTS_DIR / "ipaexg.ttf"
    if path.exists():
        pdfmetrics.registerFont(TTFont("IPAexGothic", str(path)))
        return "IPAexGothic"
    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiKakuGo-W5"))
    return "HeiseiKakuGo-W5"


JAPANESE_FONT = _japanese_font()


class Stroked(Paragraph):
    """A paragraph whose glyphs are filled and outlined (PDF text render mode 2): bold, in a
    font that has no bold face."""

    def draw(self):
        canvas = self.canv
        canvas.saveState()
        canvas.setLineWidth(self.style.fontSize * 0.02)
        canvas.setStrokeColor(self.style.textColor)
        canvas.addLiteral("2 Tr")
        super().draw()
        canvas.restoreState()


class Styles:
    """The paragraph styles of one PDF: its font, and how its lines break (Japanese has no
    spaces between words, so it may break between any two characters; other languages break
    between words)."""

    def __init__(self, japanese):
        font = JAPANESE_FONT if japanese else LATIN_FONT
        bold = JAPANESE_FONT if japanese else LATIN_BOLD
        self.stroked_bold = japanese  # the Japanese font has no bold face
        wrap = "CJK" if japanese else None
        self.body = ParagraphStyle("body", fontName=font, fontSize=9.5, leading=13, wordWrap=wrap)
        self.cell = ParagraphStyle("cell", parent=self.body, fontSize=8, leading=10.5)
        self.head = ParagraphStyle("head", parent=self.cell, fontName=bold, textColor=colors.white)
        self.label = ParagraphStyle("label", parent=self.cell, fontName=bold)
        self.title = ParagraphStyle("title", parent=self.body, fontName=bold, fontSize=17,
                                    leading=22, spaceAfter=4)  # fmt: skip
        self.subtitle = ParagraphStyle("subtitle", parent=self.body, fontSize=12, leading=16,
                                       spaceAfter=8)  # fmt: skip
        # A heading stays on the page of what follows it.
        self.heading = ParagraphStyle("heading", parent=self.body, fontName=bold, fontSize=12,
                                      leading=16, spaceBefore=10, spaceAfter=4, textColor=ACCENT,
                                      keepWithNext=True)  # fmt: skip
        self.small = ParagraphStyle("small", parent=self.body, fontSize=8, leading=11,
                                    textColor=MUTED)  # fmt: skip
        self.letterhead = ParagraphStyle("letterhead", parent=self.body, fontName=bold,
                                         fontSize=10, leading=13, textColor=ACCENT,
                                         spaceAfter=6)  # fmt: skip
        self.font = font
        self.bold = {self.head, self.label, self.title, self.heading, self.letterhead}


_GRID = TableStyle([
    ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa5ad")),
    ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 3),
    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
])  # fmt: skip
_FACTS = TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])


def _in_font(styles):
    # A table sets its plain cells (the empty ones too) in Helvetica unless told otherwise.
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), styles.font)])


def _text(text, style, styles=None):
    """A paragraph of plain text; drawn stroked where `styles` says its bold has no face."""
    kind = Stroked if styles and styles.stroked_bold and style in styles.bold else Paragraph
    return kind(escape(str(text)).replace("\n", "<br/>"), style)


def _table(table, width, styles):
    head = [_text(header, styles.head, styles) for header in table.headers]
    body = [[_text(cell, styles.cell) for cell in row] for row in table.rows]
    if table.total:
        total = [_text(cell, styles.label, styles) for cell in table.total]
        body.append(total + [""] * (len(head) - len(total)))
    shares = table.widths or (1,) * len(head)
    widths = [width * share / sum(shares) for share in shares]
    grid = Table([head, *body], colWidths=widths, repeatRows=1)
    grid.setStyle(_GRID)
    grid.setStyle(_in_font(styles))
    return grid


def _all_text(document):
    yield from (document.letterhead, document.title, document.subtitle, document.status)
    yield from document.sign_off
    for label, value in document.facts:
        yield from (label, value)
    for section in document.sections:
        yield from (section.heading, section.empty, *section.paragraphs)
        if section.table:
            yield from section.table.headers
            for row in [*section.table.rows, section.table.total or []]:
                yield from row


def _needs_japanese_font(document):
    if document.language == "ja":
        return True
    try:
        for text in _all_text(document):
            str(text).encode("cp1252")  # what Vera can show
    except UnicodeEncodeError:
        return True
    return False


def _footer(document, styles):
    """Each page's foot: the report, a draft's warning, and the page number."""
    draft = not document.frozen

    def draw(canvas, pdf):
        canvas.saveState()
        canvas.setFont(styles.font, 7.5)
        canvas.setFillColor(MUTED)
        foot = f"{document.title} · {document.reference}"
        canvas.drawString(pdf.leftMargin, 10 * mm, foot)
        page = _("Page %(number)s") % {"number": canvas.getPageNumber()}
        canvas.drawRightString(A4[0] - pdf.rightMargin, 10 * mm, page)
        if draft:
            canvas.setFillColor(colors.HexColor("#b3261e"))
            canvas.setFont(styles.font, 9)
            canvas.drawRightString(A4[0] - pdf.rightMargin, A4[1] - 10 * mm,
                                   _("DRAFT: not frozen, not an official report"))  # fmt: skip
        canvas.restoreState()

    return draw


def report_pdf(document):
    """The PDF's bytes for a `report_document.ReportDocument`."""
    buffer = io.BytesIO()
    styles = Styles(japanese=_needs_japanese_font(document))
    with translation.override(document.language):
        pdf = SimpleDocTemplate(
            buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
            bottomMargin=18 * mm, title=document.title, subject=document.subtitle.text,
            author=_("City of Kupang"), lang=document.language,
            # Each page starts in an embedded font, not the default Helvetica (which is not).
            initialFontName=styles.font,
        )  # fmt: skip
        width = pdf.width
        story = [
            _text(document.letterhead, styles.letterhead, styles),
            _text(document.title, styles.title, styles),
            _text(document.subtitle, styles.subtitle),
        ]
        facts = [[_text(label, styles.label, styles), _text(value, styles.cell)]
                 for label, value in document.facts]  # fmt: skip
        facts = Table(facts, colWidths=[width * 0.3, width * 0.7], style=_FACTS)
        facts.setStyle(_in_font(styles))
        story.append(facts)
        story += [Spacer(1, 4), _text(document.status, styles.small)]
        for section in document.sections:
            story.append(_text(section.heading, styles.heading, styles))
            story += [_text(paragraph, styles.body) for paragraph in section.paragraphs]
            if section.table and section.table.rows:
                story.append(_table(section.table, width, styles))
            elif section.empty:
                story.append(_text(section.empty, styles.body))
        if document.sign_off:
            story += [Spacer(1, 10), *[_text(line, styles.body) for line in document.sign_off]]
        footer = _footer(document, styles)
        pdf.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
