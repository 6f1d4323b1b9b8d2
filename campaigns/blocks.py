"""StreamField blocks for campaign pages and updates: a small, named set.

Blocks that can carry hard content have a `content_warnings` field (topics
from the managed list); their templates collapse them for readers who chose
to hide those topics.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from content import blocks as shared_blocks

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link"]


def content_warnings_block() -> blocks.ListBlock:
    return blocks.ListBlock(
        SnippetChooserBlock("people.ContentWarningTopic"),
        label=_("Content warnings"),
        required=False,
        default=[],
        help_text=_("Topics in this block that some readers may prefer to skip."),
    )


class SanitisedRichTextBlock(shared_blocks.SanitisedRichTextBlock):
    default_features = RICH_TEXT_FEATURES

    class Meta:
        icon = "pilcrow"
        label = _("Text")


class RichTextSectionBlock(blocks.StructBlock):
    """A section of text, optionally behind a content warning."""

    text = SanitisedRichTextBlock(label=_("Text"))
    content_warnings = content_warnings_block()

    class Meta:
        icon = "pilcrow"
        template = "campaigns/blocks/rich_text_section_block.html"
        label = _("Text")


class ConsentedQuoteBlock(blocks.StructBlock):
    """A survivor's words, used only with their consent to quote them here."""

    quote = blocks.TextBlock(label=_("Quote"), max_length=1000)
    attribution = blocks.CharBlock(
        label=_("Attribution"),
        max_length=200,
        required=False,
        help_text=_("The name they chose for this quote. Leave empty to show no name."),
    )
    consent_confirmed = blocks.BooleanBlock(
        label=_("The person agreed to this quote being published here"),
        required=True,
    )
    content_warnings = content_warnings_block()

    class Meta:
        icon = "openquote"
        template = "campaigns/blocks/consented_quote_block.html"
        label = _("Consented quote")


class FactBlock(blocks.StructBlock):
    """One fact, always with where it comes from."""

    fact = blocks.TextBlock(label=_("Fact"), max_length=500)
    source_title = blocks.CharBlock(label=_("Source"), max_length=200)
    source_url = blocks.URLBlock(label=_("Source address"), required=False)
    content_warnings = content_warnings_block()

    class Meta:
        icon = "info-circle"
        template = "campaigns/blocks/fact_block.html"
        label = _("Fact with source")


class CallToActionBlock(blocks.StructBlock):
    """A short ask with one link: share, learn, join."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), max_length=500, required=False)
    link_label = blocks.CharBlock(label=_("Link text"), max_length=80)
    url = blocks.URLBlock(label=_("Address"))

    class Meta:
        icon = "pick"
        template = "campaigns/blocks/call_to_action_block.html"
        label = _("Call to action")


class ResourceLinksBlock(shared_blocks.ResourceLinksBlock):
    """A titled list of outside resources (helplines, legal aid, guides)."""

    class Meta:
        template = "campaigns/blocks/resource_links_block.html"


class ImageWithCaptionBlock(shared_blocks.ImageWithCaptionBlock):
    content_warnings = content_warnings_block()

    class Meta:
        template = "campaigns/blocks/image_with_caption_block.html"


class QuestionAnswerBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=200)
    answer = SanitisedRichTextBlock(label=_("Answer"))

    class Meta:
        icon = "help"
        label = _("Question")


class FAQBlock(blocks.StructBlock):
    """Frequently asked questions, each answer folded under its question."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120, required=False)
    questions = blocks.ListBlock(QuestionAnswerBlock())

    class Meta:
        icon = "help"
        template = "campaigns/blocks/faq_block.html"
        label = _("Questions and answers")


class CampaignStreamBlock(blocks.StreamBlock):
    text = RichTextSectionBlock()
    quote = ConsentedQuoteBlock()
    fact = FactBlock()
    call_to_action = CallToActionBlock()
    resource_links = ResourceLinksBlock()
    image = ImageWithCaptionBlock()
    faq = FAQBlock()
