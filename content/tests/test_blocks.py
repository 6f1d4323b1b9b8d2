from wagtail.blocks import BooleanBlock

from content.blocks import ImageWithCaptionBlock, ResourceLinksBlock, SanitisedRichTextBlock


def test_rich_text_is_sanitised_on_save():
    block = SanitisedRichTextBlock()
    value = block.to_python(
        '<p data-block-key="a1">Hello <a href="javascript:alert(1)">x</a></p>'
        "<script>alert(1)</script><img src=x onerror=alert(1)>"
    )
    cleaned = block.clean(value).source
    assert "Hello" in cleaned
    assert "script" not in cleaned
    assert "javascript:" not in cleaned
    assert "onerror" not in cleaned


def test_an_app_adds_its_own_fields_after_the_shared_ones():
    class WarnedImageBlock(ImageWithCaptionBlock):
        warned = BooleanBlock(required=False)

        class Meta:
            template = "app/blocks/image.html"

    block = WarnedImageBlock()
    assert list(block.child_blocks) == ["image", "alt_text", "caption", "warned"]
    assert block.meta.template == "app/blocks/image.html"
    assert block.meta.icon == ImageWithCaptionBlock().meta.icon


def test_shared_struct_blocks_deconstruct_as_plain_struct_blocks():
    # Migrations refer to them by shape, not by path, so apps may subclass
    # them (and they may move) without a migration.
    assert ResourceLinksBlock().deconstruct()[0] == "wagtail.blocks.StructBlock"
    assert ImageWithCaptionBlock().deconstruct()[0] == "wagtail.blocks.StructBlock"
