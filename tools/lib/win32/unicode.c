// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * unicode.c - the W side of the Win32 layer: UTF-16 <-> UTF-8, the W forms
 * of the A functions (CreateFileMappingW, OpenFileMappingW, CreateFileW,
 * DeleteFileW), MultiByteToWideChar/WideCharToMultiByte, the lstr*
 * functions and FormatMessageA/W.
 *
 * Names: the kernel's section names and Linux paths are bytes; a W
 * function converts its UTF-16 name to UTF-8 (losslessly: every valid
 * UTF-16 string has exactly one UTF-8 form) and calls the A function, so
 * CreateFileMappingW(L"Global\\Ünï") and CreateFileMappingA with the UTF-8
 * bytes of that name meet on one section.  A name with an unpaired
 * surrogate has no UTF-8 form: ERROR_INVALID_NAME.  The A functions take
 * UTF-8 (the "ANSI code page" here is UTF-8, CP_ACP == CP_UTF8).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/*
 * @n units of UTF-16 at @s as NUL-terminated UTF-8 in @buf (@len bytes):
 * the length, or -1 for an unpaired surrogate, a NUL or too small a
 * buffer (4 bytes per unit and 1 always suffice).  With @lax, an
 * unpaired surrogate becomes U+FFFD and a NUL is copied.
 */
static long utf16_to_utf8(const WCHAR *s, size_t n, char *buf, size_t len,
			  int lax)
{
	size_t i, o = 0;
	uint32_t c;

	for (i = 0; i < n; i++) {
		c = s[i];
		if (c >= 0xd800 && c < 0xdc00 && i + 1 < n &&
		    s[i + 1] >= 0xdc00 && s[i + 1] < 0xe000)
			c = 0x10000 + ((c - 0xd800) << 10) + (s[++i] - 0xdc00);
		else if (c >= 0xd800 && c < 0xe000) {
			if (!lax)
				return -1;
			c = 0xfffd;
		}
		if ((!c && !lax) || o + 5 > len)
			return -1;
		if (c < 0x80) {
			buf[o++] = c;
		} else if (c < 0x800) {
			buf[o++] = 0xc0 | c >> 6;
			buf[o++] = 0x80 | (c & 0x3f);
		} else if (c < 0x10000) {
			buf[o++] = 0xe0 | c >> 12;
			buf[o++] = 0x80 | ((c >> 6) & 0x3f);
			buf[o++] = 0x80 | (c & 0x3f);
		} else {
			buf[o++] = 0xf0 | c >> 18;
			buf[o++] = 0x80 | ((c >> 12) & 0x3f);
			buf[o++] = 0x80 | ((c >> 6) & 0x3f);
			buf[o++] = 0x80 | (c & 0x3f);
		}
	}
	buf[o] = 0;
	return (long)o;
}

int libntsection_utf16_to_utf8(const WCHAR *s, size_t n, char *buf,
			       size_t len)
{
	return utf16_to_utf8(s, n, buf, len, 0) < 0 ? -1 : 0;
}

/*
 * One code point of UTF-8 at @s (at most @n bytes): its value and length
 * in *@len, or -1 (and *@len 1) for an invalid sequence.
 */
static long utf8_char(const unsigned char *s, size_t n, size_t *len)
{
	uint32_t c = s[0], min;
	size_t k, i;

	*len = 1;
	if (c < 0x80)
		return c;
	if (c >= 0xc2 && c < 0xe0) {
		k = 1, c &= 0x1f, min = 0x80;
	} else if (c >= 0xe0 && c < 0xf0) {
		k = 2, c &= 0x0f, min = 0x800;
	} else if (c >= 0xf0 && c < 0xf5) {
		k = 3, c &= 0x07, min = 0x10000;
	} else {
		return -1;
	}
	if (k >= n)
		return -1;
	for (i = 1; i <= k; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return -1;
		c = c << 6 | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c < 0xe000))
		return -1;
	*len = k + 1;
	return c;
}

/*
 * @w (NUL-terminated UTF-16) as a malloc'd UTF-8 string in *@out (NULL
 * for NULL): 0, or -1 with the last error set (ERROR_INVALID_NAME for an
 * unpaired surrogate, ERROR_NOT_ENOUGH_MEMORY).  The names of every W
 * function go through it.
 */
int libntsection_utf8_name(LPCWSTR w, char **out)
{
	size_t n = 0;
	char *s;

	*out = NULL;
	if (!w)
		return 0;
	while (w[n])
		n++;
	s = malloc(4 * n + 1);
	if (!s) {
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
		return -1;
	}
	if (utf16_to_utf8(w, n, s, 4 * n + 1, 0) < 0) {
		free(s);
		SetLastError(ERROR_INVALID_NAME);
		return -1;
	}
	*out = s;
	return 0;
}

HANDLE WINAPI CreateFileMappingW(HANDLE hFile,
				 LPSECURITY_ATTRIBUTES lpAttributes,
				 DWORD flProtect, DWORD dwMaximumSizeHigh,
				 DWORD dwMaximumSizeLow, LPCWSTR lpName)
{
	char *name;
	HANDLE h;

	if (libntsection_utf8_name(lpName, &name))
		return NULL;
	h = CreateFileMappingA(hFile, lpAttributes, flProtect,
			       dwMaximumSizeHigh, dwMaximumSizeLow, name);
	free(name);
	return h;
}

HANDLE WINAPI OpenFileMappingW(DWORD dwDesiredAccess, BOOL bInheritHandle,
			       LPCWSTR lpName)
{
	char *name;
	HANDLE h;

	if (libntsection_utf8_name(lpName, &name))
		return NULL;
	h = OpenFileMappingA(dwDesiredAccess, bInheritHandle, name);
	free(name);
	return h;
}

HANDLE WINAPI CreateFileW(LPCWSTR lpFileName, DWORD dwDesiredAccess,
			  DWORD dwShareMode,
			  LPSECURITY_ATTRIBUTES lpSecurityAttributes,
			  DWORD dwCreationDisposition,
			  DWORD dwFlagsAndAttributes, HANDLE hTemplateFile)
{
	char *name;
	HANDLE h;

	if (libntsection_utf8_name(lpFileName, &name))
		return INVALID_HANDLE_VALUE;
	h = CreateFileA(name, dwDesiredAccess, dwShareMode,
			lpSecurityAttributes, dwCreationDisposition,
			dwFlagsAndAttributes, hTemplateFile);
	free(name);
	return h;
}

BOOL WINAPI DeleteFileW(LPCWSTR lpFileName)
{
	char *name;
	BOOL r;

	if (libntsection_utf8_name(lpFileName, &name))
		return FALSE;
	r = DeleteFileA(name);
	free(name);
	return r;
}

/* CP_ACP, CP_OEMCP, CP_THREAD_ACP and CP_UTF8 are all UTF-8 here. */
static int utf8_page(UINT cp)
{
	return cp == CP_ACP || cp == CP_OEMCP || cp == CP_THREAD_ACP ||
	       cp == CP_UTF8;
}

int WINAPI MultiByteToWideChar(UINT CodePage, DWORD dwFlags,
			       LPCCH lpMultiByteStr, int cbMultiByte,
			       LPWSTR lpWideCharStr, int cchWideChar)
{
	const unsigned char *s = (const unsigned char *)lpMultiByteStr;
	size_t n, i = 0, k;
	long c;
	int o = 0, units;

	if (!utf8_page(CodePage) || (dwFlags & ~MB_ERR_INVALID_CHARS) ||
	    !s || !cbMultiByte || cchWideChar < 0 ||
	    (cchWideChar && !lpWideCharStr)) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return 0;
	}
	n = cbMultiByte < 0 ? strlen(lpMultiByteStr) + 1 : (size_t)cbMultiByte;
	while (i < n) {
		c = utf8_char(s + i, n - i, &k);
		if (c < 0) {
			if (dwFlags & MB_ERR_INVALID_CHARS) {
				SetLastError(ERROR_NO_UNICODE_TRANSLATION);
				return 0;
			}
			c = 0xfffd;
		}
		i += k;
		units = c >= 0x10000 ? 2 : 1;
		if (cchWideChar) {
			if (o + units > cchWideChar) {
				SetLastError(ERROR_INSUFFICIENT_BUFFER);
				return 0;
			}
			if (units == 2) {
				lpWideCharStr[o] = 0xd800 + ((c - 0x10000) >> 10);
				lpWideCharStr[o + 1] = 0xdc00 + ((c - 0x10000) & 0x3ff);
			} else {
				lpWideCharStr[o] = (WCHAR)c;
			}
		}
		o += units;
	}
	return o;
}

int WINAPI WideCharToMultiByte(UINT CodePage, DWORD dwFlags,
			       LPCWCH lpWideCharStr, int cchWideChar,
			       LPSTR lpMultiByteStr, int cbMultiByte,
			       LPCCH lpDefaultChar, LPBOOL lpUsedDefaultChar)
{
	size_t n = 0, i;
	char tmp[8];
	long len;
	int o = 0;

	if (!utf8_page(CodePage) || (dwFlags & ~WC_ERR_INVALID_CHARS) ||
	    !lpWideCharStr || !cchWideChar || cbMultiByte < 0 ||
	    (cbMultiByte && !lpMultiByteStr) ||
	    lpDefaultChar || lpUsedDefaultChar) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return 0;
	}
	if (cchWideChar < 0) {
		while (lpWideCharStr[n])
			n++;
		n++;
	} else {
		n = cchWideChar;
	}
	for (i = 0; i < n; i++) {
		size_t u = 1;

		if (lpWideCharStr[i] >= 0xd800 && lpWideCharStr[i] < 0xdc00 &&
		    i + 1 < n && lpWideCharStr[i + 1] >= 0xdc00 &&
		    lpWideCharStr[i + 1] < 0xe000)
			u = 2;
		len = utf16_to_utf8(lpWideCharStr + i, u, tmp, sizeof(tmp), 1);
		if (len < 0 || ((dwFlags & WC_ERR_INVALID_CHARS) && u == 1 &&
				lpWideCharStr[i] >= 0xd800 &&
				lpWideCharStr[i] < 0xe000)) {
			SetLastError(ERROR_NO_UNICODE_TRANSLATION);
			return 0;
		}
		if (!lpWideCharStr[i])
			len = 1;	/* the NUL itself */
		if (cbMultiByte) {
			if (o + len > cbMultiByte) {
				SetLastError(ERROR_INSUFFICIENT_BUFFER);
				return 0;
			}
			memcpy(lpMultiByteStr + o, tmp, len);
		}
		o += len;
		i += u - 1;
	}
	return o;
}

/* The lstr* functions: NULL is an empty string; comparison is ordinal. */
int WINAPI lstrlenA(LPCSTR lpString)
{
	return lpString ? (int)strlen(lpString) : 0;
}

int WINAPI lstrlenW(LPCWSTR lpString)
{
	int n = 0;

	if (lpString)
		while (lpString[n])
			n++;
	return n;
}

int WINAPI lstrcmpA(LPCSTR lpString1, LPCSTR lpString2)
{
	int r = strcmp(lpString1 ? lpString1 : "", lpString2 ? lpString2 : "");

	return r < 0 ? -1 : r > 0;
}

int WINAPI lstrcmpW(LPCWSTR lpString1, LPCWSTR lpString2)
{
	static const WCHAR empty[1];
	const WCHAR *a = lpString1 ? lpString1 : empty;
	const WCHAR *b = lpString2 ? lpString2 : empty;

	while (*a && *a == *b)
		a++, b++;
	return *a < *b ? -1 : *a > *b;
}

LPSTR WINAPI lstrcpyA(LPSTR lpString1, LPCSTR lpString2)
{
	if (!lpString1 || !lpString2)
		return NULL;
	return strcpy(lpString1, lpString2);
}

LPWSTR WINAPI lstrcpyW(LPWSTR lpString1, LPCWSTR lpString2)
{
	size_t i = 0;

	if (!lpString1 || !lpString2)
		return NULL;
	do
		lpString1[i] = lpString2[i];
	while (lpString2[i++]);
	return lpString1;
}

HLOCAL WINAPI LocalFree(HLOCAL hMem)
{
	free(hMem);
	return NULL;
}

/*
 * The system's message texts (Windows' English ones) of every error code
 * the library sets, and of the codes of the sync and placeholder parts.
 */
static const struct {
	DWORD code;
	const char *text;
} messages[] = {
	{ ERROR_SUCCESS, "The operation completed successfully." },
	{ ERROR_INVALID_FUNCTION, "Incorrect function." },
	{ ERROR_FILE_NOT_FOUND, "The system cannot find the file specified." },
	{ ERROR_PATH_NOT_FOUND, "The system cannot find the path specified." },
	{ ERROR_TOO_MANY_OPEN_FILES, "The system cannot open the file." },
	{ ERROR_ACCESS_DENIED, "Access is denied." },
	{ ERROR_INVALID_HANDLE, "The handle is invalid." },
	{ ERROR_NOT_ENOUGH_MEMORY, "Not enough memory resources are available to process this command." },
	{ ERROR_OUTOFMEMORY, "Not enough memory resources are available to complete this operation." },
	{ ERROR_WRITE_PROTECT, "The media is write protected." },
	{ ERROR_BAD_LENGTH, "The program issued a command but the command length is incorrect." },
	{ ERROR_GEN_FAILURE, "A device attached to the system is not functioning." },
	{ ERROR_SHARING_VIOLATION, "The process cannot access the file because it is being used by another process." },
	{ ERROR_HANDLE_EOF, "Reached the end of the file." },
	{ ERROR_NOT_SUPPORTED, "The request is not supported." },
	{ ERROR_FILE_EXISTS, "The file exists." },
	{ ERROR_INVALID_PARAMETER, "The parameter is incorrect." },
	{ ERROR_BROKEN_PIPE, "The pipe has been ended." },
	{ ERROR_DISK_FULL, "There is not enough space on the disk." },
	{ ERROR_CALL_NOT_IMPLEMENTED, "This function is not supported on this system." },
	{ ERROR_INSUFFICIENT_BUFFER, "The data area passed to a system call is too small." },
	{ ERROR_INVALID_NAME, "The filename, directory name, or volume label syntax is incorrect." },
	{ ERROR_NEGATIVE_SEEK, "An attempt was made to move the file pointer before the beginning of the file." },
	{ ERROR_DIR_NOT_EMPTY, "The directory is not empty." },
	{ ERROR_BAD_PATHNAME, "The specified path is invalid." },
	{ ERROR_ALREADY_EXISTS, "Cannot create a file when that file already exists." },
	{ ERROR_BAD_EXE_FORMAT, "%1 is not a valid Win32 application." },
	{ ERROR_FILENAME_EXCED_RANGE, "The filename or extension is too long." },
	{ 258 /* WAIT_TIMEOUT */, "The wait operation timed out." },
	{ 288 /* ERROR_NOT_OWNER */, "Attempt to release mutex not owned by caller." },
	{ 298 /* ERROR_TOO_MANY_POSTS */, "Too many posts were made to a semaphore." },
	{ ERROR_MR_MID_NOT_FOUND, "The system cannot find message text for message number 0x%1 in the message file for %2." },
	{ ERROR_INVALID_ADDRESS, "Attempt to access invalid address." },
	{ ERROR_NOACCESS, "Invalid access to memory location." },
	{ ERROR_FILE_INVALID, "The volume for a file has been externally altered so that the opened file is no longer valid." },
	{ ERROR_NO_UNICODE_TRANSLATION, "No mapping for the Unicode character exists in the target multi-byte code page." },
	{ ERROR_IO_DEVICE, "The request could not be performed because of an I/O device error." },
	{ ERROR_MAPPED_ALIGNMENT, "The base address or the file offset specified does not have the proper alignment." },
	{ ERROR_USER_MAPPED_FILE, "The requested operation cannot be performed on a file with a user-mapped section open." },
	{ ERROR_PRIVILEGE_NOT_HELD, "A required privilege is not held by the client." },
	{ ERROR_NO_SYSTEM_RESOURCES, "Insufficient system resources exist to complete the requested service." },
	{ ERROR_COMMITMENT_LIMIT, "The paging file is too small for this operation to complete." },
	{ 1460 /* ERROR_TIMEOUT */, "This operation returned because the timeout period expired." },
};

/*
 * The message of @id as UTF-8 (with Windows' "\r\n" unless the low byte
 * of @flags is FORMAT_MESSAGE_MAX_WIDTH_MASK), or NULL and the last error.
 * Only FORMAT_MESSAGE_FROM_SYSTEM is supported; insert sequences (%1) are
 * always left as they are, as FORMAT_MESSAGE_IGNORE_INSERTS does.
 */
static const char *message(DWORD flags, DWORD id, const char **eol)
{
	size_t i;

	if (!(flags & FORMAT_MESSAGE_FROM_SYSTEM) ||
	    (flags & (FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_FROM_HMODULE))) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	*eol = (flags & FORMAT_MESSAGE_MAX_WIDTH_MASK) ==
	       FORMAT_MESSAGE_MAX_WIDTH_MASK ? "" : "\r\n";
	for (i = 0; i < sizeof(messages) / sizeof(messages[0]); i++)
		if (messages[i].code == id)
			return messages[i].text;
	SetLastError(ERROR_MR_MID_NOT_FOUND);
	return NULL;
}

DWORD WINAPI FormatMessageA(DWORD dwFlags, LPCVOID lpSource,
			    DWORD dwMessageId, DWORD dwLanguageId,
			    LPSTR lpBuffer, DWORD nSize, va_list *Arguments)
{
	const char *eol, *text = message(dwFlags, dwMessageId, &eol);
	size_t len;
	char *out;

	(void)lpSource;
	(void)dwLanguageId;
	(void)Arguments;
	if (!text)
		return 0;
	len = strlen(text) + strlen(eol);
	if (dwFlags & FORMAT_MESSAGE_ALLOCATE_BUFFER) {
		if (!lpBuffer) {
			SetLastError(ERROR_INVALID_PARAMETER);
			return 0;
		}
		out = malloc(len + 1 > nSize ? len + 1 : nSize);
		if (!out) {
			SetLastError(ERROR_NOT_ENOUGH_MEMORY);
			return 0;
		}
		*(LPSTR *)lpBuffer = out;
	} else {
		if (!lpBuffer || len + 1 > nSize) {
			SetLastError(ERROR_INSUFFICIENT_BUFFER);
			return 0;
		}
		out = lpBuffer;
	}
	strcpy(out, text);
	strcat(out, eol);
	return (DWORD)len;
}

DWORD WINAPI FormatMessageW(DWORD dwFlags, LPCVOID lpSource,
			    DWORD dwMessageId, DWORD dwLanguageId,
			    LPWSTR lpBuffer, DWORD nSize, va_list *Arguments)
{
	const char *eol, *text = message(dwFlags, dwMessageId, &eol);
	char buf[256];
	WCHAR *out;
	int len;

	(void)lpSource;
	(void)dwLanguageId;
	(void)Arguments;
	if (!text)
		return 0;
	snprintf(buf, sizeof(buf), "%s%s", text, eol);
	/* the messages are ASCII: one unit per byte, and the NUL */
	len = (int)strlen(buf);
	if (dwFlags & FORMAT_MESSAGE_ALLOCATE_BUFFER) {
		if (!lpBuffer) {
			SetLastError(ERROR_INVALID_PARAMETER);
			return 0;
		}
		out = malloc(sizeof(WCHAR) *
			     ((DWORD)len + 1 > nSize ? (DWORD)len + 1 : nSize));
		if (!out) {
			SetLastError(ERROR_NOT_ENOUGH_MEMORY);
			return 0;
		}
		*(LPWSTR *)lpBuffer = out;
	} else {
		if (!lpBuffer || (DWORD)len + 1 > nSize) {
			SetLastError(ERROR_INSUFFICIENT_BUFFER);
			return 0;
		}
		out = lpBuffer;
	}
	MultiByteToWideChar(CP_UTF8, 0, buf, len + 1, out, len + 1);
	return (DWORD)len;
}
