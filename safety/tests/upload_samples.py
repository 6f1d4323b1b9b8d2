"""Uploads that carry every kind of hidden metadata, generated here (no binary
files in the repository), and the checks that a cleaned copy carries none.

Pictures carry EXIF with GPS, camera make/model/serial, an artist, an orientation tag,
XMP, IPTC, an ICC profile and comments; documents carry authors, editors, reviewers,
custom properties, pasted photos with GPS, earlier revisions and attachments.
"""

from __future__ import annotations

import hashlib
import io
import zipfile

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image, ImageCms, PngImagePlugin
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

from core.upstream import pypdf as pypdf_upstream
from safety.uploads import (
    StrippedFile,
    strip_document_metadata,
)

# --------------------------------------------------------------------------- secrets

CAMERA_SECRETS = [
    b"SpyCam-Make",
    b"Model-X-Secret",
    b"Jane Artist-Secret",
    b"SN-4242-SECRET",
    b"WGS-84-SECRET",
    b"xmp-secret-creator",
    b"13,45.5N",
    b"Jane IPTC-Byline",
    b"Bangkok-IPTC",
    b"comment-secret",
]
PNG_SECRETS = [b"Jane PNG-Author", b"13.7563,100.5018", b"png-ztxt-secret"]
IMAGE_SECRETS = CAMERA_SECRETS + PNG_SECRETS
METADATA_MARKERS = [
    b"Exif\x00\x00",
    b"http://ns.adobe.com/xap",
    b"Photoshop 3.0",
    b"ICC_PROFILE",
    b"MPF\x00",
    b"tEXt",
    b"iTXt",
    b"zTXt",
    b"eXIf",
    b"iCCP",
]
METADATA_INFO_KEYS = {
    "exif",
    "xmp",
    "XML:com.adobe.xmp",
    "icc_profile",
    "comment",
    "parameters",
    "photoshop",
    "Author",
    "GPS",
    "Comment",
    "Raw profile type exif",
}
ORIENTATION = ExifTags.Base.Orientation

XMP_PACKET = (
    b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    b'xmlns:exif="http://ns.adobe.com/exif/1.0/">'
    b"<dc:creator>xmp-secret-creator</dc:creator>"
    b"<exif:GPSLatitude>13,45.5N</exif:GPSLatitude>"
    b'</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
)


# --------------------------------------------------------------------------- pictures

UNREADABLE = (
    "This file is not an image we can read. Please upload a JPEG, PNG, GIF or WebP picture."
)


def exif_bytes(orientation: int | None = 6) -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "SpyCam-Make"
    exif[ExifTags.Base.Model] = "Model-X-Secret"
    exif[ExifTags.Base.Artist] = "Jane Artist-Secret"
    if orientation:
        exif[ORIENTATION] = orientation
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.BodySerialNumber] = "SN-4242-SECRET"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (13.0, 45.0, 30.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (100.0, 30.0, 6.5)
    gps[ExifTags.GPS.GPSMapDatum] = "WGS-84-SECRET"
    return exif.tobytes()


def icc_profile() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def iptc_segment() -> bytes:
    def dataset(number: int, value: bytes) -> bytes:
        return bytes((0x1C, 2, number)) + len(value).to_bytes(2, "big") + value

    iptc = dataset(80, b"Jane IPTC-Byline") + dataset(90, b"Bangkok-IPTC")
    resource = b"8BIM\x04\x04\x00\x00" + len(iptc).to_bytes(4, "big") + iptc
    resource += b"\x00" * (len(resource) % 2)
    payload = b"Photoshop 3.0\x00" + resource
    return b"\xff\xed" + (len(payload) + 2).to_bytes(2, "big") + payload


def two_colour_picture(size=(40, 20), mode="RGB") -> Image.Image:
    """Left half red, right half blue (so a rotation can be seen)."""
    width, height = size
    picture = Image.new("RGB", size, (220, 0, 0))
    picture.paste((0, 0, 220), (width // 2, 0, width, height))
    return picture.convert(mode)


def spy_jpeg(size=(40, 20), orientation: int | None = 6, mode="RGB") -> bytes:
    """A JPEG with EXIF (GPS, make, model, serial, artist, orientation), XMP, IPTC,
    an ICC profile and a comment."""
    buffer = io.BytesIO()
    two_colour_picture(size, mode).save(
        buffer,
        "JPEG",
        exif=exif_bytes(orientation),
        xmp=XMP_PACKET,
        icc_profile=icc_profile(),
        comment=b"comment-secret",
        quality=95,
    )
    data = buffer.getvalue()
    app0_end = 4 + int.from_bytes(data[4:6], "big")
    return data[:app0_end] + iptc_segment() + data[app0_end:]


def spy_png(mode="RGBA") -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Jane PNG-Author")
    info.add_itxt("GPS", "13.7563,100.5018")
    info.add_text("Comment", "png-ztxt-secret", zip=True)
    picture = Image.new(mode, (16, 12), (10, 200, 30, 128) if mode == "RGBA" else (10, 200, 30))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", pnginfo=info, exif=exif_bytes(None), icc_profile=icc_profile())
    return buffer.getvalue()


def spy_webp(*, lossless=False) -> bytes:
    buffer = io.BytesIO()
    two_colour_picture().save(
        buffer,
        "WEBP",
        exif=exif_bytes(None),
        xmp=XMP_PACKET,
        icc_profile=icc_profile(),
        lossless=lossless,
    )
    return buffer.getvalue()


COLOURS = [(255, 0, 0), (0, 255, 0), (0, 0, 255)]
DURATIONS = [100, 200, 300]


def animation(fmt: str, **extra) -> bytes:
    frames = [Image.new("RGB", (12, 10), colour) for colour in COLOURS]
    buffer = io.BytesIO()
    frames[0].save(
        buffer,
        fmt,
        save_all=True,
        append_images=frames[1:],
        duration=DURATIONS,
        loop=0,
        **extra,
    )
    return buffer.getvalue()


def upload(data: bytes, name: str, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def assert_clean_picture(data: bytes) -> None:
    for marker in METADATA_MARKERS + IMAGE_SECRETS:
        assert marker not in data, marker
    with Image.open(io.BytesIO(data)) as picture:
        for index in range(getattr(picture, "n_frames", 1)):
            picture.seek(index)
            picture.load()
            assert not picture.getexif(), index
            assert not picture.getexif().get_ifd(ExifTags.IFD.GPSInfo)
            assert not METADATA_INFO_KEYS & set(picture.info), picture.info.keys()
            for value in picture.info.values():
                if isinstance(value, str | bytes):
                    text = value.encode() if isinstance(value, str) else value
                    assert not any(secret in text for secret in IMAGE_SECRETS)


def read_stripped(result: ContentFile) -> bytes:
    result.seek(0)
    return result.read()


def approx(pixel, expected, tolerance=40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, expected, strict=False))


# =========================================================================== documents

DOC_SECRETS = [
    b"Jane Docx-Author",
    b"Last Secret-Modifier",
    b"Secret Doc-Title",
    b"Secret Shelter Org",
    b"jane.secret",
    b"Custom Secret-Value",
    b"Reviewer Secret-Name",
    b"RSN-initials",
    b"Tracked Secret-Editor",
    b"jane@secret.example",
    b"Excel Secret-Author",
    b"Person Secret-Display",
    b"Ppt Secret-Author",
    b"Nested Secret-Author",
    b"Jane ODT-Author",
    b"Annot Secret-Author",
    b"HP-Secret-Shelter-Office",
]

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
}
MAIN_PART = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "pptx": "ppt/presentation.xml"}
ORIGINAL_TIME = (2024, 5, 17, 13, 45, 10)

CORE_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties
 xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>Secret Doc-Title</dc:title><dc:creator>{author}</dc:creator>
<cp:lastModifiedBy>Last Secret-Modifier</cp:lastModifiedBy>
<dcterms:created xsi:type="dcterms:W3CDTF">2024-05-17T13:45:10Z</dcterms:created>
</cp:coreProperties>"""
APP_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">
<Template>C:\\Users\\jane.secret\\AppData\\Normal.dotm</Template>
<Company>Secret Shelter Org</Company><TotalTime>42</TotalTime></Properties>"""
CUSTOM_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
 xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">
<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="CaseWorker">
<vt:lpwstr>Custom Secret-Value</vt:lpwstr></property></Properties>"""


def content_types(kind: str, *, main_type: str | None = None) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Default Extension="jpeg" ContentType="image/jpeg"/>'
        f'<Override PartName="/{MAIN_PART[kind]}" '
        f'ContentType="{main_type or CONTENT_TYPES[kind]}"/>'
        '<Override PartName="/docProps/core.xml" '
        'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        '<Override PartName="/docProps/app.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
        '<Override PartName="/docProps/custom.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>'
        "</Types>"
    )


def root_rels(kind: str) -> str:
    base = "http://schemas.openxmlformats.org"
    office, package = f"{base}/officeDocument/2006/relationships", f"{base}/package/2006"
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<Relationships xmlns="{package}/relationships">'
        f'<Relationship Id="rId1" Type="{office}/officeDocument" '
        f'Target="{MAIN_PART[kind]}"/>'
        f'<Relationship Id="rId2" Type="{package}/relationships/metadata/core-properties" '
        'Target="docProps/core.xml"/>'
        f'<Relationship Id="rId3" Type="{office}/extended-properties" '
        'Target="docProps/app.xml"/>'
        f'<Relationship Id="rId4" Type="{office}/custom-properties" '
        'Target="docProps/custom.xml"/>'
        "</Relationships>"
    )


DOCUMENT_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body><w:p><w:r><w:t>Hello from the shelter</w:t></w:r></w:p>
<w:p><w:ins w:id="1" w:author="Tracked Secret-Editor" w:date="2024-05-17T13:45:00Z">
<w:r><w:t>inserted text</w:t></w:r></w:ins></w:p></w:body></w:document>"""
COMMENTS_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:comment w:id="0" w:author="Reviewer Secret-Name" w:initials='RSN-initials'>
<w:p><w:r><w:t>Please check this</w:t></w:r></w:p></w:comment></w:comments>"""
PEOPLE_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w15:people xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml">
<w15:person w15:author="Reviewer Secret-Name"><w15:presenceInfo w15:providerId="AD"
 w15:userId="S::jane@secret.example::1234"/></w15:person></w15:people>"""


def make_zip(entries: dict[str, bytes | str], *, stored: set[str] = frozenset()) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            info = zipfile.ZipInfo(name, date_time=ORIGINAL_TIME)
            info.compress_type = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return buffer.getvalue()


def ooxml_parts(kind: str, *, author="Jane Docx-Author", main_type=None) -> dict:
    return {
        "[Content_Types].xml": content_types(kind, main_type=main_type),
        "_rels/.rels": root_rels(kind),
        "docProps/core.xml": CORE_XML.format(author=author),
        "docProps/app.xml": APP_XML,
        "docProps/custom.xml": CUSTOM_XML,
    }


def make_docx(**extra) -> bytes:
    parts = ooxml_parts("docx")
    parts.update(
        {
            "word/document.xml": DOCUMENT_XML,
            "word/comments.xml": COMMENTS_XML,
            "word/people.xml": PEOPLE_XML,
            "word/media/image1.jpeg": spy_jpeg(),
        }
    )
    parts.update(extra)
    return make_zip(parts)


def make_xlsx() -> bytes:
    parts = ooxml_parts("xlsx")
    parts.update(
        {
            "xl/workbook.xml": '<workbook xmlns="http://schemas.openxmlformats.org/'
            'spreadsheetml/2006/main"><sheets/></workbook>',
            "xl/comments1.xml": "<comments><authors><author>Excel Secret-Author</author>"
            "</authors></comments>",
            "xl/persons/person.xml": '<personList><person displayName="Person Secret-Display" '
            'id="{1}" userId="jane@secret.example" providerId="AD"/></personList>',
            "xl/tables/table1.xml": '<table id="1" name="Cases" displayName="Cases"/>',
        }
    )
    return make_zip(parts)


def make_pptx(*, nested: bytes | None = None) -> bytes:
    parts = ooxml_parts("pptx")
    parts.update(
        {
            "ppt/presentation.xml": "<p:presentation xmlns:p='urn:p'/>",
            "ppt/commentAuthors.xml": '<p:cmAuthorLst xmlns:p="urn:p"><p:cmAuthor id="1" '
            'name="Ppt Secret-Author" initials="PSA" lastIdx="1" clrIdx="0"/></p:cmAuthorLst>',
        }
    )
    if nested is not None:
        parts["ppt/embeddings/Microsoft_Excel_Worksheet.xlsx"] = nested
    return make_zip(parts)


ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def make_odt(*, encrypted=False) -> bytes:
    manifest = (
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="'
        + ODT_MIMETYPE.decode()
        + '"/><manifest:file-entry manifest:full-path="content.xml" '
        'manifest:media-type="text/xml">'
        + ("<manifest:encryption-data/>" if encrypted else "")
        + "</manifest:file-entry></manifest:manifest>"
    )
    return make_zip(
        {
            "mimetype": ODT_MIMETYPE,
            "META-INF/manifest.xml": manifest,
            "meta.xml": '<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:'
            'xmlns:office:1.0" office:version="1.3"><office:meta>'
            "<meta:initial-creator>Jane ODT-Author</meta:initial-creator>"
            "<dc:creator>Jane ODT-Author</dc:creator></office:meta></office:document-meta>",
            "content.xml": "<office:document-content><office:body><office:text><text:p>"
            "Visible text<office:annotation><dc:creator>Annot Secret-Author</dc:creator>"
            "<dc:date>2024-05-17T13:45:00</dc:date><text:p>a note</text:p></office:annotation>"
            "</text:p></office:text></office:body></office:document-content>",
            "settings.xml": '<office:settings><config:config-item config:name="PrinterName" '
            'config:type="string">HP-Secret-Shelter-Office</config:config-item>'
            '<config:config-item config:name="PrinterSetup" config:type="base64Binary">'
            "SFAtU2VjcmV0</config:config-item></office:settings>",
            "Pictures/photo.jpg": spy_jpeg(),
        },
        stored={"mimetype"},
    )


def unzip_all(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return {info.filename: archive.read(info) for info in archive.infolist()}


def assert_no_doc_secrets(data: bytes) -> None:
    for secret in DOC_SECRETS + IMAGE_SECRETS:
        assert secret not in data, secret


def assert_clean_package(data: bytes) -> dict[str, bytes]:
    entries = unzip_all(data)
    for content in entries.values():
        assert_no_doc_secrets(content)
        if content.startswith(b"PK\x03\x04"):
            assert_clean_package(content)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            assert info.date_time == (1980, 1, 1, 0, 0, 0), info.filename
            assert info.extra == b""
    return entries


def assert_embedded_photo_is_clean(data: bytes) -> None:
    for marker in [*CAMERA_SECRETS, b"http://ns.adobe.com/xap", b"Photoshop 3.0", b"ICC_PROFILE"]:
        assert marker not in data, marker
    with Image.open(io.BytesIO(data)) as picture:
        assert picture.size == (40, 20)  # the pixels are untouched...
        assert dict(picture.getexif()) == {ORIENTATION: 6}  # ...and still shown upright
        assert not picture.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert "comment" not in picture.info and "icc_profile" not in picture.info


def strip_doc(data: bytes, name: str) -> bytes:
    result = strip_document_metadata(upload(data, name), filename=name)
    assert isinstance(result, StrippedFile)
    assert result.name == name
    return read_stripped(result)


# --------------------------------------------------------------------------- PDF


def pdf_stream(data: bytes, **entries) -> StreamObject:
    stream = StreamObject()
    pypdf_upstream.set_raw_stream_data(stream, data)
    for key, value in entries.items():
        stream[NameObject(f"/{key}")] = value
    return stream


def make_pdf() -> bytes:
    """A PDF with /Info, XMP (document and page), a photo with GPS EXIF, a reviewer's
    comment and an attached file."""
    writer = PdfWriter()
    page = writer.add_blank_page(width=200, height=200)
    writer.add_metadata(
        {
            # Letters and spaces only: pypdf escapes "-" in strings (\\055), and an
            # escaped secret would slip past a search of the raw bytes.
            "/Author": "Jane PdfAuthor",
            "/Title": "Secret PdfTitle",
            "/Producer": "SecretProducer Nine",
            "/Creator": "SecretCreator App",
        }
    )
    xmp = pypdf_upstream.add_object(
        writer, pdf_stream(XMP_PACKET, Type=NameObject("/Metadata"), Subtype=NameObject("/XML"))
    )
    writer.root_object[NameObject("/Metadata")] = xmp
    page[NameObject("/Metadata")] = pypdf_upstream.add_object(
        writer,
        pdf_stream(
            XMP_PACKET.replace(b"xmp-secret-creator", b"page-xmp-secret"),
            Type=NameObject("/Metadata"),
            Subtype=NameObject("/XML"),
        ),
    )
    photo = pypdf_upstream.add_object(
        writer,
        pdf_stream(
            spy_jpeg(),
            Type=NameObject("/XObject"),
            Subtype=NameObject("/Image"),
            Width=NumberObject(40),
            Height=NumberObject(20),
            ColorSpace=NameObject("/DeviceRGB"),
            BitsPerComponent=NumberObject(8),
            Filter=NameObject("/DCTDecode"),
        ),
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/XObject"): DictionaryObject({NameObject("/Im0"): photo})}
    )
    page[NameObject("/Contents")] = pypdf_upstream.add_object(
        writer, pdf_stream(b"q 40 0 0 20 10 10 cm /Im0 Do Q BT /F1 12 Tf (Visible) Tj ET")
    )
    rect = ArrayObject([NumberObject(0), NumberObject(0), NumberObject(10), NumberObject(10)])
    comment = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Text"),
            NameObject("/Rect"): rect,
            NameObject("/T"): TextStringObject("Reviewer PdfName"),
            NameObject("/M"): TextStringObject("D20240517134500"),
            NameObject("/Contents"): TextStringObject("Looks fine"),
        }
    )
    attached = pypdf_upstream.add_object(
        writer, pdf_stream(b"attached-secret-file", Type=NameObject("/EmbeddedFile"))
    )
    attachment = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/FileAttachment"),
            NameObject("/Rect"): rect,
            NameObject("/FS"): DictionaryObject(
                {
                    NameObject("/Type"): NameObject("/Filespec"),
                    NameObject("/F"): TextStringObject("SecretAttachment"),
                    NameObject("/EF"): DictionaryObject({NameObject("/F"): attached}),
                }
            ),
        }
    )
    page[NameObject("/Annots")] = ArrayObject(
        [pypdf_upstream.add_object(writer, comment), pypdf_upstream.add_object(writer, attachment)]
    )
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


PDF_SECRETS = [
    b"Jane PdfAuthor",
    b"Secret PdfTitle",
    b"SecretProducer Nine",
    b"SecretCreator App",
    b"xmp-secret-creator",
    b"page-xmp-secret",
    b"Reviewer PdfName",
    b"attached-secret-file",
    b"SecretAttachment",
    b"D20240517134500",
    *CAMERA_SECRETS,
]


def assert_clean_pdf(data: bytes) -> PdfReader:
    for secret in PDF_SECRETS:
        assert secret not in data, secret
    assert b"/Metadata" not in data
    assert b"Exif\x00\x00" not in data
    reader = PdfReader(io.BytesIO(data))
    assert not reader.metadata
    assert reader.xmp_metadata is None
    assert "/Info" not in reader.trailer and "/ID" not in reader.trailer
    return reader


ALLOWED_MESSAGE = (
    "Only PDF, Word (.docx), OpenDocument text (.odt), text, CSV, Excel (.xlsx) and "
    "PowerPoint (.pptx) files can be uploaded."
)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 100
HTML = b"<!DOCTYPE html><html><script>alert(1)</script></html>"


# =========================================================================== Wagtail

GPS_JPEG = spy_jpeg()


def stored_bytes(field_file) -> bytes:
    """What is really in storage (a fresh read, not the in-memory upload)."""
    with field_file.storage.open(field_file.name, "rb") as handle:
        return handle.read()


def assert_image_clean_everywhere(image) -> None:
    """The stored original and a rendition carry no GPS/EXIF; derived fields match."""
    from wagtail.images import get_image_model

    image = get_image_model().objects.get(pk=image.pk)
    image.file.open("rb")
    original = image.file.read()
    image.file.close()
    assert original == stored_bytes(image.file)
    assert_clean_picture(original)
    with Image.open(io.BytesIO(original)) as picture:
        assert (image.width, image.height) == picture.size == (20, 40)
    assert image.file_size == len(original)
    assert image.file_hash == hashlib.sha1(original).hexdigest()  # noqa: S324 (Wagtail's choice)

    rendition = image.get_rendition("fill-10x10")
    assert_clean_picture(stored_bytes(rendition.file))


def assert_document_clean_everywhere(document, secrets=PDF_SECRETS) -> bytes:
    from wagtail.documents import get_document_model

    document = get_document_model().objects.get(pk=document.pk)
    document.file.open("rb")
    data = document.file.read()
    document.file.close()
    assert data == stored_bytes(document.file)
    for secret in secrets:
        assert secret not in data, secret
    assert document.file_size == len(data)
    assert document.file_hash == hashlib.sha1(data).hexdigest()  # noqa: S324
    return data


def image_model():
    from wagtail.images import get_image_model

    return get_image_model()


def document_model():
    from wagtail.documents import get_document_model

    return get_document_model()
