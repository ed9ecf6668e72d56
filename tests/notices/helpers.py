"""Reading the PDFs the way anyone who receives them would: with a PDF library."""

import io

import pypdf


def pdf_text(data):
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "".join(page.extract_text() for page in reader.pages)


def embedded_fonts(data):
    """The base names of the fonts whose program is embedded in the PDF."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = descendant["/FontDescriptor"]
            if any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                names.add(str(font["/BaseFont"]))
    return names


def stored_bytes(document):
    with document.pdf.open("rb") as handle:
        return handle.read()
