"""StreamField blocks for the home app's pages: a small, named set."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import RichText

from safety.sanitize import sanitize_html

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class SanitisedRichTextBlock(blocks.RichTextBlock):
    """Rich text from Wagtail's editor, passed through the sanitiser on save.
    Every app's rich text block builds on this one."""

    default_features = RICH_TEXT_FEATURES

    def __init__(self, **kwargs):
        kwargs.setdefault("features", self.default_features)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return RichText(sanitize_html(value.source, profile="wagtail"))


class ParagraphBlock(SanitisedRichTextBlock):
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


class ResourceLinkBlock(blocks.StructBlock):
    """One outside resource; campaigns list them too."""

    title = blocks.CharBlock(label=_("Title"), max_length=160)
    url = blocks.URLBlock(label=_("Address"))
    description = blocks.CharBlock(label=_("Description"), max_length=300, required=False)

    class Meta:
        icon = "link"
        label = _("Resource")


class ResourceLinksBlock(blocks.StructBlock):
    """A titled list of outside resources (legal aid, helplines, research)."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    links = blocks.ListBlock(ResourceLinkBlock())

    class Meta:
        icon = "list-ul"
        template = "home/blocks/resource_links_block.html"
        label = _("Resource links")


class QuoteBlock(blocks.StructBlock):
    """A quotation from published research or a survivor who consented to it."""

    quote = blocks.TextBlock(label=_("Quote"), max_length=1000)
    attribution = blocks.CharBlock(label=_("Attribution"), max_length=200, required=False)
    source_url = blocks.URLBlock(label=_("Source"), required=False)

    class Meta:
        icon = "openquote"
        template = "home/blocks/quote_block.html"
        label = _("Quote")


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe the image for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), max_length=250, required=False)

    class Meta:
        icon = "image"
        template = "home/blocks/image_with_caption_block.html"
        label = _("Image with caption")


class HelplineBlock(blocks.StructBlock):
    """One helpline shown in the footer of every page."""

    name = blocks.CharBlock(label=_("Name"), max_length=120)
    region = blocks.CharBlock(label=_("Region"), max_length=80, required=False)
    phone = blocks.CharBlock(label=_("Phone"), max_length=40, required=False)
    text = blocks.CharBlock(label=_("Text message"), max_length=80, required=False)
    url = blocks.URLBlock(label=_("Website"), required=False)
    hours = blocks.CharBlock(label=_("Hours"), max_length=80, required=False)

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
