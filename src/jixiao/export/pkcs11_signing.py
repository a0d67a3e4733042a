"""Sign with the certificate on a USB key (UKey) through its PKCS#11 module (python-pkcs11).

The private key never leaves the key: pyHanko's ``PKCS11Signer`` asks the token to sign the
digest. Every failure a user can meet (module missing or not PKCS#11, no key inserted, wrong
or locked PIN, expired certificate, a key pyHanko cannot use such as SM2) becomes one Chinese
sentence, raised before anything is written.

About the PIN: callers hand it over as a ``bytearray`` and it is zeroed here as soon as the
login is done, success or not. That is the best plain Python allows, and it is not a
guarantee: python-pkcs11 takes the PIN as ``str`` and encodes it to ``bytes`` — two immutable
copies that cannot be overwritten and live until the garbage collector reuses their memory
(likewise the ``str`` a Qt line edit returns). The PIN is never stored, logged, or put into an
exception message; what remains is its trace in the memory of the running program (a memory
dump could show it). Listing tokens and choosing a certificate is in ``pkcs11_tokens``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from jixiao.export.pdf_common import RenderedPdf
from jixiao.export.pkcs11_tokens import (
    SM2_MESSAGE,
    SM2_OID_DER,
    VENDOR_DEFINED,
    Pkcs11Error,
    TokenCertificate,
    list_tokens,
    load_module,
    no_token_message,
    select_certificate,
)
from jixiao.export.signing import Certificate, SigningError, sign_rendered

log = logging.getLogger("jixiao.pkcs11")


# ------------------------------------------------------------------ PIN messages
def pin_status(module_path: str | Path, chosen: TokenCertificate) -> str | None:
    """What the key says about its PIN before one is typed: a warning, or None.

    Raises Pkcs11Error when the PIN is already locked (asking for it would be pointless)."""
    from pkcs11 import TokenFlag

    flags = int(_find_token(load_module(module_path), module_path, chosen).flags)
    name = f"UKey“{chosen.token_label}”"
    if flags & TokenFlag.USER_PIN_LOCKED:
        raise Pkcs11Error(
            f"{name}的 PIN 已被锁定（输错次数过多），请联系发证机构或用其管理工具解锁"
        )
    if flags & TokenFlag.USER_PIN_FINAL_TRY:
        return f"注意：{name}只剩最后一次输入 PIN 的机会，再输错将被锁定"
    if flags & TokenFlag.USER_PIN_COUNT_LOW:
        return f"注意：{name}已记录 PIN 输错，再输错几次将被锁定"
    return None


def pin_error_message(exc: Exception, token_flags: int, token_label: str) -> str:
    """Wrong / locked PIN, with what the token says about the tries left (PKCS#11 gives flags,
    not a count: COUNT_LOW = a wrong PIN was entered before, FINAL_TRY = one try left)."""
    import pkcs11
    from pkcs11 import TokenFlag

    name = f"UKey“{token_label}”"
    if isinstance(exc, pkcs11.PinLocked) or token_flags & TokenFlag.USER_PIN_LOCKED:
        return f"{name}的 PIN 已被锁定（输错次数过多），请联系发证机构或用其管理工具解锁"
    if isinstance(exc, pkcs11.PinExpired):
        return f"{name}的 PIN 已过期，请先用 UKey 管理工具修改 PIN"
    if isinstance(exc, pkcs11.PinLenRange | pkcs11.PinInvalid):
        return f"{name}的 PIN 长度或字符不符合要求，请检查后重试"
    message = f"{name}的 PIN 不正确"
    if token_flags & TokenFlag.USER_PIN_FINAL_TRY:
        message += "；只剩最后一次机会，再输错 UKey 将被锁定"
    elif token_flags & TokenFlag.USER_PIN_COUNT_LOW:
        message += "；UKey 已记录输错，再输错几次将被锁定"
    return message


def _key_problem(key: Any, cert: TokenCertificate) -> str | None:
    from pkcs11 import Attribute, KeyType

    try:
        key_type = int(key[Attribute.KEY_TYPE])
    except Exception:  # some tokens hide attributes; the signature will tell
        return None
    if key_type >= VENDOR_DEFINED or cert.key_algorithm == "sm2":
        return SM2_MESSAGE
    if key_type == KeyType.EC:
        try:
            params = key[Attribute.EC_PARAMS]
        except Exception:
            params = b""
        if SM2_OID_DER in params:
            return SM2_MESSAGE
    elif key_type != KeyType.RSA:
        return f"此证书的密钥类型（PKCS#11 密钥类型 {key_type:#x}）暂不支持签名"
    try:
        can_sign = bool(key[Attribute.SIGN])
    except Exception:
        can_sign = True
    if not can_sign:
        return f"UKey 上证书“{cert.subject}”对应的私钥不允许签名（可能仅用于加密）"
    return None


# ------------------------------------------------------------------ signing
class Pkcs11Session:
    """A logged-in session on the key plus the signer that uses it; close() logs out."""

    def __init__(self, session: Any, certificate: Certificate, chosen: TokenCertificate):
        self._session = session
        self.certificate = certificate
        self.chosen = chosen

    def close(self) -> None:
        if self._session is not None:
            try:
                self._session.close()
            except Exception as exc:  # the key may have been pulled out meanwhile
                log.info("closing the PKCS#11 session failed: %s", type(exc).__name__)
            self._session = None

    def __enter__(self) -> Pkcs11Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def wipe(secret: bytearray) -> None:
    for index in range(len(secret)):
        secret[index] = 0


def open_session(
    module_path: str | Path,
    chosen: TokenCertificate,
    pin: bytearray,
    *,
    other_certificates: Iterable[TokenCertificate] = (),
) -> Pkcs11Session:
    """Log in with ``pin`` (zeroed before this returns) and prepare a signer for ``chosen``."""
    try:
        problem = chosen.validity_problem()
        if problem:
            raise Pkcs11Error(problem)
        if chosen.key_algorithm == "sm2":
            raise Pkcs11Error(SM2_MESSAGE)
        if chosen.key_algorithm not in ("rsa", "ec"):
            raise Pkcs11Error(f"此证书的密钥算法（{chosen.key_algorithm}）暂不支持签名")
        return _login_and_prepare(module_path, chosen, pin, other_certificates)
    finally:
        wipe(pin)


def _find_token(lib: Any, module_path: str | Path, chosen: TokenCertificate) -> Any:
    from pkcs11 import TokenFlag

    for slot in lib.get_slots(token_present=True):
        token = slot.get_token()
        if not token.flags & TokenFlag.TOKEN_INITIALIZED:
            continue
        serial = token.serial.decode("ascii", "replace").strip() if token.serial else ""
        if token.label.strip() == chosen.token_label and serial == chosen.token_serial:
            return token
    raise Pkcs11Error(
        f"UKey“{chosen.token_label}”已被拔出，或未插入。请插入后重试"
        if chosen.token_label
        else no_token_message(module_path)
    )


def _login_and_prepare(
    module_path: str | Path,
    chosen: TokenCertificate,
    pin: bytearray,
    other_certificates: Iterable[TokenCertificate],
) -> Pkcs11Session:
    import pkcs11
    from pkcs11 import Attribute, ObjectClass
    from pyhanko.sign.pkcs11 import PKCS11Signer

    lib = load_module(module_path)
    token = _find_token(lib, module_path, chosen)
    if not pin:
        raise Pkcs11Error(f"请输入 UKey“{chosen.token_label}”的 PIN")
    try:
        # python-pkcs11 wants str: the one unavoidable immutable copy (see the module doc).
        session = token.open(user_pin=pin.decode("utf-8"))
    except UnicodeDecodeError:
        raise Pkcs11Error("PIN 含有无法识别的字符") from None
    except (pkcs11.PinIncorrect, pkcs11.PinLocked, pkcs11.PinExpired, pkcs11.PinInvalid,
            pkcs11.PinLenRange) as exc:  # fmt: skip
        flags = _token_flags(lib, chosen)
        log.info("UKey %s refused the login: %s", chosen.token_label, type(exc).__name__)
        raise Pkcs11Error(pin_error_message(exc, flags, chosen.token_label)) from None
    except (pkcs11.TokenNotPresent, pkcs11.DeviceRemoved):
        raise Pkcs11Error(f"UKey“{chosen.token_label}”已被拔出，请插入后重试") from None
    except pkcs11.PKCS11Error as exc:
        raise Pkcs11Error(f"登录 UKey 失败：{type(exc).__name__}") from None
    try:
        query: dict[Any, Any] = {Attribute.CLASS: ObjectClass.PRIVATE_KEY}
        if chosen.object_id:
            query[Attribute.ID] = chosen.object_id
        else:
            query[Attribute.LABEL] = chosen.label
        keys = list(session.get_objects(query))
        if not keys:
            raise Pkcs11Error(
                f"UKey 上没有与证书“{chosen.subject}”对应的私钥（证书与私钥的 ID 不一致），无法签名"
            )
        problem = _key_problem(keys[0], chosen)
        if problem:
            raise Pkcs11Error(problem)
        chain = [c.asn1 for c in other_certificates if c.is_ca and c.der != chosen.der]
        signer = PKCS11Signer(
            session,
            signing_cert=chosen.asn1,
            ca_chain=chain,
            key_id=chosen.object_id or None,
            key_label=None if chosen.object_id else chosen.label,
            # Hash here, let the key do plain ECDSA: most tokens (SoftHSM2 too) offer
            # CKM_ECDSA but not the hash-and-sign variants.
            use_raw_mechanism=chosen.key_algorithm == "ec",
        )
    except BaseException:
        session.close()
        raise
    log.info(
        "UKey %s: logged in to sign with %s (SHA-256 %s)",
        chosen.token_label,
        chosen.subject,
        chosen.fingerprint,
    )
    asn1 = chosen.asn1
    certificate = Certificate(signer, chosen.subject, asn1.self_signed != "no")  # type: ignore[arg-type]
    return Pkcs11Session(session, certificate, chosen)


def _token_flags(lib: Any, chosen: TokenCertificate) -> int:
    try:
        for token in lib.get_tokens(token_label=chosen.token_label):
            return int(token.flags)
    except Exception:
        pass
    return 0


@contextmanager
def token_errors() -> Iterator[None]:
    """Around a signature made on the key: its own failures become a Chinese sentence."""
    import pkcs11

    try:
        yield
    except SigningError as exc:
        cause = exc.__cause__
        while cause is not None and not isinstance(cause, pkcs11.PKCS11Error):
            cause = cause.__cause__ or cause.__context__
        if isinstance(cause, pkcs11.TokenNotPresent | pkcs11.DeviceRemoved):
            raise Pkcs11Error("签名时 UKey 被拔出，文件未保存；请插入 UKey 后重新导出") from None
        if isinstance(cause, pkcs11.MechanismInvalid | pkcs11.KeyTypeInconsistent):
            raise Pkcs11Error(
                "UKey 不支持本程序使用的签名算法（SHA-256），文件未保存；"
                "若为 SM2（国密）证书：本程序暂不支持 SM2 签名"
            ) from None
        if isinstance(cause, pkcs11.PKCS11Error):
            raise Pkcs11Error(f"UKey 签名失败（{type(cause).__name__}），文件未保存") from None
        raise


def sign_rendered_pkcs11(rendered: RenderedPdf, session: Pkcs11Session) -> bytes:
    with token_errors():
        return sign_rendered(rendered, session.certificate)


@contextmanager
def pkcs11_signer(
    module_path: str | Path,
    pin: bytearray,
    *,
    token_label: str | None = None,
    key_label: str | None = None,
    fingerprint: str | None = None,
) -> Iterator[Pkcs11Session]:
    """List, choose, log in: the whole headless path (the CLI's). The PIN is always wiped."""
    try:
        tokens = list_tokens(module_path)
        chosen = select_certificate(
            tokens,
            module_path,
            token_label=token_label,
            key_label=key_label,
            fingerprint=fingerprint,
        )
        others = [c for t in tokens for c in t.certificates]
        session = open_session(module_path, chosen, pin, other_certificates=others)
    finally:
        wipe(pin)
    with session:
        yield session
