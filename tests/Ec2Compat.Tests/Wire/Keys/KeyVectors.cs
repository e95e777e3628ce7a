namespace StandardsCloud.Ec2Compat.Tests.Wire.Keys;

/// <summary>
/// Throwaway keys and the files independent tools wrote for them: a 1024-bit RSA key (openssl);
/// its PuTTY file (puttygen 0.78, <c>--ppk-param version=2 -C vector-key</c>); its RFC 4716 form
/// (ssh-keygen -e, headers edited to show a continued line) and DER form (openssl); the Ed25519
/// key of RFC 8032 §7.1 test 1 in OpenSSH's file (Python cryptography) and PuTTY's (puttygen).
/// </summary>
internal static class KeyVectors
{
    public const string RsaPem = """
-----BEGIN RSA PRIVATE KEY-----
MIICXAIBAAKBgQCeFCvXT1d4ecz5op5GENRZEQdXjIT6JJ3d/4u88YZ/0iTDlTN9
om07RudIeij5jdFVkn3QQZfF0uKiGOnjnLOtKywkdep2tSmF+4q0TRPOwmTlg/xy
K33iCaptNDRY17XZzLhQV/WtPS5iJk0V6+WbFRrsUf+rcIg1++FnBXOmpwIDAQAB
AoGBAIsqdu42i2skz6912qEUb915gF0y+F6/nbuzHfJZL2+YMYV99LbGKCPnZ/YG
lcwdbg1Hyjttg5BE+AB8rmwTqJmJEHtEoEHyGabC6R9GGToJtLgySdge0bp4EovS
2CNcMjLRXw0F4AfT3qr4egR9ZYqbVihjYivK/2czDe4lng4BAkEAywy2+UBy2PI4
gK7s1FNRoiWgYuiBxQicheRrgFmDe8yZ+mEF9bpRdbLzFIifJqmx+3JsMI7ANxQZ
pm3HfIwK/wJBAMdNRRHE0jnN1suT7L8Ra4G5y473Njf8MAgL2KUSG/pFeSsAr71U
JSsgkXgd7aaFSBWt4SKsDzr3OYA8z7kgLFkCQECTo6Gz8JK0vmmWuHVypjTGeLLc
NWFfssAWfGYOkfWOha4Oq2GSRxQCvLJcHRmjwJoystvimpkpyFqY8WfX9isCQDlr
19SQwokI9zPcQL+kAzdzEmT0cNicfjIzR433s7vdvFVZc0i3L6ZHUeIrrUbm66fj
WxQkQpcYl6aM3sRVsrECQGkRQ/hFKTqkwchlO677F1tTl0tIZRDWDb3/y8MnnXQ8
Wpi7EkGg927btdZw4AIJpDRJl3KLSY5Y2ztqH6LCf1s=
-----END RSA PRIVATE KEY-----
""";

    public const string RsaOpenSsh = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQCeFCvXT1d4ecz5op5GENRZEQdXjIT6JJ3d/4u88YZ/0iTDlTN9om07RudIeij5jdFVkn3QQZfF0uKiGOnjnLOtKywkdep2tSmF+4q0TRPOwmTlg/xyK33iCaptNDRY17XZzLhQV/WtPS5iJk0V6+WbFRrsUf+rcIg1++FnBXOmpw==";

    public const string RsaPpk = """
PuTTY-User-Key-File-2: ssh-rsa
Encryption: none
Comment: vector-key
Public-Lines: 4
AAAAB3NzaC1yc2EAAAADAQABAAAAgQCeFCvXT1d4ecz5op5GENRZEQdXjIT6JJ3d
/4u88YZ/0iTDlTN9om07RudIeij5jdFVkn3QQZfF0uKiGOnjnLOtKywkdep2tSmF
+4q0TRPOwmTlg/xyK33iCaptNDRY17XZzLhQV/WtPS5iJk0V6+WbFRrsUf+rcIg1
++FnBXOmpw==
Private-Lines: 8
AAAAgQCLKnbuNotrJM+vddqhFG/deYBdMvhev527sx3yWS9vmDGFffS2xigj52f2
BpXMHW4NR8o7bYOQRPgAfK5sE6iZiRB7RKBB8hmmwukfRhk6CbS4MknYHtG6eBKL
0tgjXDIy0V8NBeAH096q+HoEfWWKm1YoY2Iryv9nMw3uJZ4OAQAAAEEAywy2+UBy
2PI4gK7s1FNRoiWgYuiBxQicheRrgFmDe8yZ+mEF9bpRdbLzFIifJqmx+3JsMI7A
NxQZpm3HfIwK/wAAAEEAx01FEcTSOc3Wy5PsvxFrgbnLjvc2N/wwCAvYpRIb+kV5
KwCvvVQlKyCReB3tpoVIFa3hIqwPOvc5gDzPuSAsWQAAAEBpEUP4RSk6pMHIZTuu
+xdbU5dLSGUQ1g29/8vDJ510PFqYuxJBoPdu27XWcOACCaQ0SZdyi0mOWNs7ah+i
wn9b
Private-MAC: 40fd081cec966c414079b39f2c7aa7a0c47087e7
""";

    public const string RsaRfc4716 = """
---- BEGIN SSH2 PUBLIC KEY ----
Comment: "a vector key whose comment runs on \
 over a second line"
x-purpose: conformance
AAAAB3NzaC1yc2EAAAADAQABAAAAgQCeFCvXT1d4ecz5op5GENRZEQdXjIT6JJ3d/4u88Y
Z/0iTDlTN9om07RudIeij5jdFVkn3QQZfF0uKiGOnjnLOtKywkdep2tSmF+4q0TRPOwmTl
g/xyK33iCaptNDRY17XZzLhQV/WtPS5iJk0V6+WbFRrsUf+rcIg1++FnBXOmpw==
---- END SSH2 PUBLIC KEY ----
""";

    public const string RsaSubjectPublicKeyInfo = "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQCeFCvXT1d4ecz5op5GENRZEQdXjIT6JJ3d/4u88YZ/0iTDlTN9om07RudIeij5jdFVkn3QQZfF0uKiGOnjnLOtKywkdep2tSmF+4q0TRPOwmTlg/xyK33iCaptNDRY17XZzLhQV/WtPS5iJk0V6+WbFRrsUf+rcIg1++FnBXOmpwIDAQAB";

    public static readonly byte[] Ed25519Seed = Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");

    public static readonly byte[] Ed25519Public = Convert.FromHexString("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");

    public const string Ed25519OpenSsh = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINdamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea";

    /// <summary>Written with check number 0xFEFD5026 and an empty comment.</summary>
    public const string Ed25519OpenSshPrivate = """
-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZWQyNTUx
OQAAACDXWpgBgrEKt9VL/tPJZAc6DuFy89qmIyWvAhpo9wdRGgAAAIj+/VAm/v1QJgAAAAtzc2gt
ZWQyNTUxOQAAACDXWpgBgrEKt9VL/tPJZAc6DuFy89qmIyWvAhpo9wdRGgAAAECdYbGd7/1aYLqE
SvSS7CzEREnFaXsyaRlwO6wDHK5/YNdamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1EaAAAA
AAECAwQF
-----END OPENSSH PRIVATE KEY-----
""";

    public const string Ed25519Ppk = """
PuTTY-User-Key-File-2: ssh-ed25519
Encryption: none
Comment: vector-key
Public-Lines: 2
AAAAC3NzaC1lZDI1NTE5AAAAINdamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3
B1Ea
Private-Lines: 1
AAAAIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g
Private-MAC: 897c1e1f8e78270e8c49423036e9d31fa7b3da8b
""";
}
