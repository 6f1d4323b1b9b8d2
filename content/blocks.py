"""StreamField blocks that more than one app's pages use, declared once.

Each app subclasses them where it shows them its own way (a template of its
own, a content warning); the fields, labels and icons stay here.
"""

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


class ResourceLinkBlock(blocks.StructBlock):
    """One outside resource."""

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
        label = _("Resource links")


class ImageWithCaptionBlock(blocks.StructBlock):
    """An image with the alternative text it always needs, and a caption."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe the image for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), max_length=250, required=False)

    class Meta:
        icon = "image"
        label = _("Image with caption")
