"""An annual report as a PDF (A4), from the same document as the printable page.

reportlab is pure Python and its CID font HeiseiKakuGo-W5 (Adobe-Japan1, which also covers
Latin) lives in every PDF reader, so Japanese renders and stays extractable as text without any
font file on the server. Every language uses it, so a Japanese city name in an English report
renders too.
"""

import io
from xml.sax.saxutils import escape

from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

FONT = "HeiseiKakuGo-W5"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

# Japanese has no spaces between words: CJK wrapping breaks lines between any two characters.
_BODY = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13, wordWrap="CJK")
_CELL = ParagraphStyle("cell", parent=_BODY, fontSize=8, leading=10.5)
_HEAD = ParagraphStyle("head", parent=_CELL, textColor=colors.white)
_TITLE = ParagraphStyle("title", parent=_BODY, fontSize=17, leading=22, spaceAfter=4)
_SUBTITLE = ParagraphStyle("subtitle", parent=_BODY, fontSize=12, leading=16, spaceAfter=8)
_HEADING = ParagraphStyle("heading", parent=_BODY, fontSize=12, leading=16, spaceBefore=10,
                          spaceAfter=4, textColor=colors.HexColor("#0b4f6c"))  # fmt: skip
_SMALL = ParagraphStyle("small", parent=_BODY, fontSize=8, leading=11,
                        textColor=colors.HexColor("#444444"))  # fmt: skip

_GRID = TableStyle([
    ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa5ad")),
    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#0b4f6c")),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 3),
    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
])  # fmt: skip
_FACTS = TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])


def _text(text, style):
    return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)


def _table(table, width):
    head = [_text(header, _HEAD) for header in table.headers]
    body = [[_text(cell, _CELL) for cell in row] for row in table.rows]
    if table.total:
        total = [_text(cell, _CELL) for cell in table.total]
        body.append(total + [""] * (len(head) - len(total)))
    shares = table.widths or (1,) * len(head)
    widths = [width * share / sum(shares) for share in shares]
    grid = Table([head, *body], colWidths=widths, repeatRows=1)
    grid.setStyle(_GRID)
    return grid


def report_pdf(document):
    """The PDF's bytes for a `report_document.ReportDocument`."""
    buffer = io.BytesIO()
    with translation.override(document.language):
        pdf = SimpleDocTemplate(
            buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
            bottomMargin=16 * mm, title=document.title, subject=document.subtitle.text,
            author=_("City of Kupang"), lang=document.language,
        )  # fmt: skip
        width = pdf.width
        story = [_text(document.title, _TITLE), _text(document.subtitle, _SUBTITLE)]
        facts = [[_text(label, _CELL), _text(value, _CELL)] for label, value in document.facts]
        story += [Table(facts, colWidths=[width * 0.3, width * 0.7], style=_FACTS)]
        story += [Spacer(1, 4), _text(document.status, _SMALL)]
        for section in document.sections:
            story.append(_text(section.heading, _HEADING))
            story += [_text(paragraph, _BODY) for paragraph in section.paragraphs]
            if section.table and section.table.rows:
                story.append(_table(section.table, width))
            elif section.empty:
                story.append(_text(section.empty, _BODY))
        pdf.build(story)
    return buffer.getvalue()
