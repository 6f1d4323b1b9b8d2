"""StreamField blocks for the home app's pages: a small, named set."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from content import blocks as shared_blocks
from core.locales import country_choices


class ParagraphBlock(shared_blocks.SanitisedRichTextBlock):
    class Meta:
        icon = "pilcrow"
        template = "home/blocks/paragraph_block.html"
        label = _("Paragraph")


class HeadingBlock(blocks.StructBlock):
    """A section heading; level 2 or 3 keeps the page outline valid."""

    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section")), ("h3", _("Subsection"))], default="h2"
    )

    class Meta:
        icon = "title"
        template = "home/blocks/heading_block.html"
        label = _("Heading")


class CalloutBlock(blocks.StructBlock):
    """A highlighted box, e.g. "You can stop at any time" or a safety tip."""

    title = blocks.CharBlock(label=_("Title"), max_length=120)
    body = ParagraphBlock(label=_("Text"))
    tone = blocks.ChoiceBlock(
        choices=[("info", _("Information")), ("safety", _("Safety"))], default="info"
    )

    class Meta:
        icon = "warning"
        template = "home/blocks/callout_block.html"
        label = _("Callout")


class ResourceLinksBlock(shared_blocks.ResourceLinksBlock):
    """A titled list of outside resources (legal aid, helplines, research)."""

    class Meta:
        template = "home/blocks/resource_links_block.html"


class QuoteBlock(blocks.StructBlock):
    """A quotation from published research or a survivor who consented to it."""

    quote = blocks.TextBlock(label=_("Quote"), max_length=1000)
    attribution = blocks.CharBlock(label=_("Attribution"), max_length=200, required=False)
    source_url = blocks.URLBlock(label=_("Source"), required=False)

    class Meta:
        icon = "openquote"
        template = "home/blocks/quote_block.html"
        label = _("Quote")


class ImageWithCaptionBlock(shared_blocks.ImageWithCaptionBlock):
    class Meta:
        template = "home/blocks/image_with_caption_block.html"


def helpline_countries():
    return [("", _("Anywhere (international)")), *country_choices()]


class HelplineBlock(blocks.StructBlock):
    """One helpline shown in the footer of every page, to readers who chose
    its country (or to everyone, when it helps anywhere)."""

    name = blocks.CharBlock(label=_("Name"), max_length=120)
    country = blocks.ChoiceBlock(
        label=_("Country"),
        choices=helpline_countries,
        required=False,
        help_text=_(
            "Shown to readers who chose this country. Leave it empty for a line that "
            "helps people anywhere: it is shown to everyone."
        ),
    )
    region = blocks.CharBlock(
        label=_("Region"),
        max_length=80,
        required=False,
        help_text=_("Where in the country it serves, if not all of it."),
    )
    phone = blocks.CharBlock(label=_("Phone"), max_length=40, required=False)
    text = blocks.CharBlock(label=_("Text message"), max_length=80, required=False)
    url = blocks.URLBlock(label=_("Website"), required=False)
    hours = blocks.CharBlock(label=_("Hours"), max_length=80, required=False)
    source = blocks.URLBlock(
        label=_("Source"),
        required=False,
        help_text=_("Where these details were checked, so the next person can check them again."),
    )
    checked_on = blocks.DateBlock(label=_("Checked on"), required=False)

    class Meta:
        icon = "mobile-alt"
        label = _("Helpline")


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    callout = CalloutBlock()
    resource_links = ResourceLinksBlock()
    quote = QuoteBlock()
    image = ImageWithCaptionBlock()
