<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>UkeyChooserDialog</name>
    <message>
        <source>Choose UKey certificate</source>
        <translation>选择 UKey 证书</translation>
    </message>
    <message>
        <source>PKCS#11 module:</source>
        <translation>PKCS#11 模块：</translation>
    </message>
    <message>
        <source>The UKey vendor&apos;s PKCS#11 library (.dll)</source>
        <translation>UKey 厂商提供的 PKCS#11 库（.dll）</translation>
    </message>
    <message>
        <source>The UKey vendor&apos;s PKCS#11 library (.so)</source>
        <translation>UKey 厂商提供的 PKCS#11 库（.so）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Read UKeys</source>
        <translation>读取 UKey</translation>
    </message>
    <message>
        <source>The module comes with the UKey&apos;s driver from your certificate authority; on Windows it is usually a .dll in C:\Windows\System32 or in the driver&apos;s folder. No PIN is needed to list the certificates.</source>
        <translation>PKCS#11 模块随发证机构的 UKey 驱动一起安装；在 Windows 上通常是 C:\Windows\System32 或驱动安装目录中的 .dll 文件。列出证书不需要 PIN。</translation>
    </message>
    <message>
        <source>UKey / certificate</source>
        <translation>UKey / 证书</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>颁发者</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>到期日期</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint</source>
        <translation>SHA-256 指纹</translation>
    </message>
    <message>
        <source>Use this certificate</source>
        <translation>使用此证书</translation>
    </message>
    <message>
        <source>Choose the PKCS#11 module</source>
        <translation>选择 PKCS#11 模块</translation>
    </message>
    <message>
        <source>PKCS#11 module (%1)</source>
        <translation>PKCS#11 模块（%1）</translation>
    </message>
    <message>
        <source>(no certificate visible on this UKey)</source>
        <translation>（此 UKey 上没有可见的证书）</translation>
    </message>
    <message>
        <source>%1 UKey(s), %2 certificate(s) found. Choose the certificate to sign with.</source>
        <translation>找到 %1 个 UKey、%2 个证书。请选择用于签名的证书。</translation>
    </message>
    <message>
        <source>Chosen: %1, valid until %2.</source>
        <translation>已选择：%1，有效期至 %2。</translation>
    </message>
</context>
<context>
    <name>UkeyPinDialog</name>
    <message>
        <source>UKey PIN</source>
        <translation>输入 UKey PIN</translation>
    </message>
    <message>
        <source>UKey:</source>
        <translation>UKey：</translation>
    </message>
    <message>
        <source>Certificate:</source>
        <translation>证书：</translation>
    </message>
    <message>
        <source>PIN:</source>
        <translation>PIN：</translation>
    </message>
    <message>
        <source>The PIN goes only to the UKey. It is not saved or logged. Several wrong PINs lock the UKey.</source>
        <translation>PIN 只发送给 UKey，不会被保存或记录。多次输错 PIN 会锁定 UKey。</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>签名</translation>
    </message>
</context>
<context>
    <name>UkeySigningPanel</name>
    <message>
        <source>UKey (PKCS#11)</source>
        <translation>UKey（PKCS#11）</translation>
    </message>
    <message>
        <source>Choose certificate…</source>
        <translation>选择证书…</translation>
    </message>
    <message>
        <source>No certificate chosen yet (module: %1)</source>
        <translation>尚未选择证书（模块：%1）</translation>
    </message>
    <message>
        <source>No certificate chosen yet</source>
        <translation>尚未选择证书</translation>
    </message>
    <message>
        <source>%1 (UKey %2, valid until %3)</source>
        <translation>%1（UKey：%2，有效期至 %3）</translation>
    </message>
</context>
</TS>
