<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>FileSafety</name>
    <message>
        <source>File in use</source>
        <translation>文件正被使用</translation>
    </message>
    <message>
        <source>The program that opened it is no longer running: you can take the file over.</source>
        <translation>打开它的程序已不在运行，可以接管此文件。</translation>
    </message>
    <message>
        <source>Open it read-only, or work on a copy. Take it over only if you are sure the other program has closed (for example after a crash on another computer).</source>
        <translation>可以只读打开，或打开一个副本。只有确认对方程序已经关闭（例如另一台电脑上的程序已崩溃）时才接管。</translation>
    </message>
    <message>
        <source>Open read-only</source>
        <translation>只读打开</translation>
    </message>
    <message>
        <source>Open a copy</source>
        <translation>打开副本</translation>
    </message>
    <message>
        <source>Take over</source>
        <translation>接管</translation>
    </message>
    <message>
        <source>Only take over if %1 has really closed the file: two people editing one file lose each other&apos;s work. Take over?</source>
        <translation>只有在 %1 确实已关闭文件时才能接管：两人同时修改一个文件会互相覆盖。确定接管吗？</translation>
    </message>
    <message>
        <source>Accept changes…</source>
        <translation>接受修改…</translation>
    </message>
    <message>
        <source>The file was changed outside this program: %1. It cannot be signed until someone accepts the change with a reason.</source>
        <translation>文件在本程序之外被修改：%1。须有人填写理由接受这些修改后才能签名。</translation>
    </message>
    <message>
        <source>Read-only: %1. You can view, score, export and verify; editing is disabled. To edit, copy the file to a writable place.</source>
        <translation>只读：%1。可以查看、评分、导出和验证，不能修改。如需修改，请把文件复制到可写的位置。</translation>
    </message>
    <message>
        <source>Accept changes made outside the program</source>
        <translation>接受在本程序之外所做的修改</translation>
    </message>
    <message>
        <source>These changes were made outside this program:</source>
        <translation>以下修改是在本程序之外做的：</translation>
    </message>
    <message>
        <source>Reason (recorded in the audit log):</source>
        <translation>理由（记入调整记录）：</translation>
    </message>
    <message>
        <source>Trusted certificates</source>
        <translation>受信任的证书</translation>
    </message>
    <message>
        <source>Signatures whose certificate is (or was issued by) one of these are shown as trusted. A certificate with the same name but another key is not.</source>
        <translation>签名证书是下列证书之一（或由其签发）时，验证结果显示为受信任；名称相同但密钥不同的证书不受信任。</translation>
    </message>
    <message>
        <source>Add certificate…</source>
        <translation>添加证书…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Add certificate</source>
        <translation>添加证书</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.cer *.crt *.der *.p12 *.pfx)</source>
        <translation>证书 (*.pem *.cer *.crt *.der *.p12 *.pfx)</translation>
    </message>
    <message>
        <source>Certificate password</source>
        <translation>证书密码</translation>
    </message>
    <message>
        <source>Password of %1:</source>
        <translation>%1 的密码：</translation>
    </message>
</context>
</TS>
