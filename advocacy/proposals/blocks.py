"""StreamField blocks for advocacy pages: a small, named set."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class CitationBlock(blocks.StructBlock):
    """One piece of evidence: a report, law, ruling or study, with its source."""

    title = blocks.CharBlock(label=_("Title"), max_length=250)
    publisher = blocks.CharBlock(label=_("Author or publisher"), max_length=200, required=False)
    year = blocks.IntegerBlock(label=_("Year"), required=False, min_value=1800, max_value=2100)
    source_url = blocks.URLBlock(label=_("Source link"), required=False)
    summary = blocks.TextBlock(label=_("What it shows"), max_length=1000, required=False)

    class Meta:
        icon = "doc-full"
        template = "proposals/blocks/citation_block.html"
        label = _("Citation")


class EvidenceStreamBlock(blocks.StreamBlock):
    citation = CitationBlock()
