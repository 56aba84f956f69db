"""A certificate authority made in the test, a signer it certifies, and PDFs signed with pyHanko."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID


@dataclass
class Authority:
    root_pem: bytes
    signer_key_pem: bytes
    signer_cert_pem: bytes

    def write_root(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "root.pem"
        path.write_bytes(self.root_pem)
        return path


def _name(common: str, organization: str) -> x509.Name:
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
        x509.NameAttribute(NameOID.COMMON_NAME, common),
    ])


def make_authority(signer: str = "Bộ Chỉ huy Quân sự tỉnh Hưng Yên") -> Authority:
    now = datetime.datetime.now(datetime.UTC)
    root_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    root_name = _name("CA thử nghiệm phoihop", "Tổ chức chứng thực thử nghiệm")
    root = (
        x509.CertificateBuilder().subject_name(root_name).issuer_name(root_name)
        .public_key(root_key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                     crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
        .sign(root_key, hashes.SHA256())
    )
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = (
        x509.CertificateBuilder().subject_name(_name(signer, signer)).issuer_name(root_name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1)).not_valid_after(now + datetime.timedelta(days=90))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                     crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
        .sign(root_key, hashes.SHA256())
    )
    return Authority(
        root_pem=root.public_bytes(serialization.Encoding.PEM),
        signer_key_pem=key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                         serialization.NoEncryption()),
        signer_cert_pem=cert.public_bytes(serialization.Encoding.PEM),
    )


def plain_pdf(text: str = "Chuong trinh phoi hop so 03/CTr-BCHQS") -> bytes:
    """A one-page PDF (pypdf), with a line of text in its content."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    page[NameObject("/Resources")] = DictionaryObject({
        NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})
    })
    stream = DecodedStreamObject()
    stream.set_data(f"BT /F1 14 Tf 72 760 Td ({text}) Tj ET".encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def sign_pdf(pdf: bytes, authority: Authority, tmp: Path, *, field: str = "ChuKy1") -> bytes:
    """``pdf`` signed by the authority's signer (PAdES, incremental update)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    tmp.mkdir(parents=True, exist_ok=True)
    (tmp / "key.pem").write_bytes(authority.signer_key_pem)
    (tmp / "cert.pem").write_bytes(authority.signer_cert_pem)
    (tmp / "root.pem").write_bytes(authority.root_pem)
    signer = signers.SimpleSigner.load(
        str(tmp / "key.pem"), str(tmp / "cert.pem"), ca_chain_files=(str(tmp / "root.pem"),)
    )
    assert signer is not None
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    out = io.BytesIO()
    signers.sign_pdf(writer, signers.PdfSignatureMetadata(field_name=field), signer=signer, output=out)
    return out.getvalue()


def alter_signed_bytes(signed: bytes, old: bytes = b"03/CTr", new: bytes = b"09/CTr") -> bytes:
    """The signed file with a few bytes of its signed content changed (same length)."""
    assert old in signed and len(old) == len(new)
    return signed.replace(old, new, 1)
