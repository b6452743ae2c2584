/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * tchar.h - libntsection's stand-in for Windows' <tchar.h>: the _t names
 * that follow UNICODE.  Without UNICODE they are the C library's char
 * functions (_tprintf is printf, _tmain is main).  With UNICODE, TCHAR is
 * WCHAR (16-bit) and _T("x") is u"x":
 *
 *  - _tmain is main, and argv holds UTF-16: a constructor converts the
 *    UTF-8 arguments before main runs (glibc passes argc/argv to it).
 *    -Wmain is turned off for the file, since main's argv is not char **.
 *  - _tprintf/_ftprintf take a UTF-16 format and, as Windows' wprintf,
 *    %s and %c are UTF-16 strings/characters (%hs, %S a char string);
 *    output is UTF-8.  Widths and precisions of strings count bytes.
 *  - _tcslen, _tcscpy, _tcscmp, _tcscat, _tcsncmp, _tcschr, _ttoi work on
 *    WCHAR strings.
 *
 * L"" literals are 32-bit wchar_t on Linux: use _T()/TEXT() (or build
 * with -fshort-wchar, which breaks the C library's wide functions).
 */
#ifndef LIBNTSECTION_COMPAT_TCHAR_H
#define LIBNTSECTION_COMPAT_TCHAR_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <winsection.h>

#define _T(x)		__TEXT(x)
#define _TEXT(x)	__TEXT(x)
typedef TCHAR _TCHAR;
typedef TCHAR _TSCHAR;

#ifndef UNICODE

#define _tmain		main
#define _tprintf	printf
#define _ftprintf	fprintf
#define _stprintf	sprintf
#define _sntprintf	snprintf
#define _tcslen		strlen
#define _tcscpy		strcpy
#define _tcsncpy	strncpy
#define _tcscat		strcat
#define _tcscmp		strcmp
#define _tcsncmp	strncmp
#define _tcschr		strchr
#define _tcsstr		strstr
#define _ttoi		atoi
#define _tstoi		atoi
#define _ttol		atol
#define _tcstol		strtol
#define _tcstoul	strtoul
#define _fgetts		fgets
#define _fputts		fputs
#define _puttchar	putchar

#else /* UNICODE */

#ifdef __cplusplus
extern "C" {
#endif

#pragma GCC diagnostic ignored "-Wmain"
#define _tmain		main

/* One flag for the whole program (weak: every file may define it). */
__attribute__((weak)) int libntsection_tchar_argv_done;

/* argv as UTF-16 before main (once, whichever file's constructor runs). */
__attribute__((constructor)) static void
libntsection_tchar_argv(int argc, char **argv)
{
	int i, n;
	WCHAR *w;

	if (libntsection_tchar_argv_done || !argv)
		return;
	libntsection_tchar_argv_done = 1;
	for (i = 0; i < argc && argv[i]; i++) {
		n = MultiByteToWideChar(CP_UTF8, 0, argv[i], -1, NULL, 0);
		w = (WCHAR *)malloc(sizeof(WCHAR) * (n > 0 ? n : 1));
		if (!w)
			return;
		w[0] = 0;
		if (n > 0)
			MultiByteToWideChar(CP_UTF8, 0, argv[i], -1, w, n);
		argv[i] = (char *)w;
	}
}

/* A malloc'd UTF-8 copy of UTF-16 @s (NULL: "(null)"). */
static inline char *libntsection_tchar_utf8(const WCHAR *s)
{
	int n;
	char *u;

	if (!s)
		s = u"(null)";
	n = WideCharToMultiByte(CP_UTF8, 0, s, -1, NULL, 0, NULL, NULL);
	u = (char *)malloc(n > 0 ? n : 1);
	if (!u)
		return NULL;
	u[0] = 0;
	if (n > 0)
		WideCharToMultiByte(CP_UTF8, 0, s, -1, u, n, NULL, NULL);
	return u;
}

/* wprintf with a UTF-16 format, Windows' meaning of %s/%c, UTF-8 output. */
static inline int libntsection_vftprintf(FILE *f, const WCHAR *fmt, va_list ap)
{
	char spec[64], full[72], *u;
	int total = 0, n, len;
	size_t k;
	WCHAR c, ch[2];

	while (*fmt) {
		if (*fmt != '%' || fmt[1] == '%') {
			const WCHAR *e = fmt;

			if (*fmt == '%') {
				fputc('%', f);
				total++;
				fmt += 2;
				continue;
			}
			while (*e && *e != '%')
				e++;
			n = WideCharToMultiByte(CP_UTF8, 0, fmt, (int)(e - fmt),
						NULL, 0, NULL, NULL);
			u = (char *)malloc(n > 0 ? n : 1);
			if (u && n > 0) {
				WideCharToMultiByte(CP_UTF8, 0, fmt, (int)(e - fmt),
						    u, n, NULL, NULL);
				total += (int)fwrite(u, 1, n, f);
			}
			free(u);
			fmt = e;
			continue;
		}
		/* one conversion: copy its flags, width, precision, length */
		k = 0;
		spec[k++] = (char)*fmt++;
		len = 0;	/* 1 h, 2 hh, 3 l, 4 ll, 5 z, 6 j, 7 t, 8 L */
		while (*fmt && k < sizeof(spec) - 24) {
			c = *fmt;
			if (c == '*') {
				k += snprintf(spec + k, sizeof(spec) - k, "%d",
					      va_arg(ap, int));
			} else if (c == 'h') {
				len = len == 1 ? 2 : 1;
			} else if (c == 'l' || c == 'w') {
				len = len == 3 ? 4 : 3;
			} else if (c == 'I' && fmt[1] == '6' && fmt[2] == '4') {
				len = 4;
				fmt += 2;
			} else if (c == 'z' || c == 'j' || c == 't' || c == 'L') {
				len = c == 'z' ? 5 : c == 'j' ? 6 : c == 't' ? 7 : 8;
			} else if ((c >= '0' && c <= '9') || c == '-' || c == '+' ||
				   c == ' ' || c == '#' || c == '.') {
				spec[k++] = (char)c;
			} else {
				break;
			}
			fmt++;
		}
		c = *fmt;
		if (!c)
			break;
		fmt++;
		spec[k] = 0;
		switch (c) {
		case 'd': case 'i': case 'u': case 'o': case 'x': case 'X':
			snprintf(full, sizeof(full), "%s%s%c", spec,
				 len == 4 ? "ll" : len >= 3 && len <= 7 ? "l" : "",
				 (char)c);
			if (len >= 3 && len <= 7 && len != 4)
				n = fprintf(f, full, va_arg(ap, long));
			else if (len == 4)
				n = fprintf(f, full, va_arg(ap, long long));
			else
				n = fprintf(f, full, va_arg(ap, int));
			break;
		case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
		case 'a': case 'A':
			snprintf(full, sizeof(full), "%s%s%c", spec,
				 len == 8 ? "L" : "", (char)c);
			if (len == 8)
				n = fprintf(f, full, va_arg(ap, long double));
			else
				n = fprintf(f, full, va_arg(ap, double));
			break;
		case 'p':
			snprintf(full, sizeof(full), "%sp", spec);
			n = fprintf(f, full, va_arg(ap, void *));
			break;
		case 's': case 'S':
			snprintf(full, sizeof(full), "%ss", spec);
			if ((c == 's') == (len != 1)) {
				u = libntsection_tchar_utf8(va_arg(ap, const WCHAR *));
				n = u ? fprintf(f, full, u) : 0;
				free(u);
			} else {
				n = fprintf(f, full, va_arg(ap, const char *));
			}
			break;
		case 'c': case 'C':
			snprintf(full, sizeof(full), "%ss", spec);
			ch[0] = (WCHAR)va_arg(ap, int);
			ch[1] = 0;
			if ((c == 'c') == (len != 1)) {
				u = libntsection_tchar_utf8(ch);
				n = u ? fprintf(f, full, u) : 0;
				free(u);
			} else {
				char b[2] = { (char)ch[0], 0 };

				n = fprintf(f, full, b);
			}
			break;
		default:
			n = 0;	/* %n and unknown conversions print nothing */
			break;
		}
		if (n > 0)
			total += n;
	}
	return total;
}

static inline int libntsection_ftprintf(FILE *f, const WCHAR *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = libntsection_vftprintf(f, fmt, ap);
	va_end(ap);
	return n;
}

static inline int libntsection_tprintf(const WCHAR *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = libntsection_vftprintf(stdout, fmt, ap);
	va_end(ap);
	return n;
}

static inline WCHAR *libntsection_tcscat(WCHAR *d, const WCHAR *s)
{
	lstrcpyW(d + lstrlenW(d), s);
	return d;
}

static inline int libntsection_tcsncmp(const WCHAR *a, const WCHAR *b,
				       size_t n)
{
	for (; n; n--, a++, b++)
		if (*a != *b || !*a)
			return *a < *b ? -1 : *a > *b;
	return 0;
}

static inline WCHAR *libntsection_tcschr(const WCHAR *s, int c)
{
	for (;; s++) {
		if (*s == (WCHAR)c)
			return (WCHAR *)s;
		if (!*s)
			return NULL;
	}
}

static inline int libntsection_ttoi(const WCHAR *s)
{
	char *u = libntsection_tchar_utf8(s);
	int v = u ? atoi(u) : 0;

	free(u);
	return v;
}

#define _tprintf	libntsection_tprintf
#define _ftprintf	libntsection_ftprintf
#define _tcslen(s)	((size_t)lstrlenW(s))
#define _tcscpy		lstrcpyW
#define _tcscat		libntsection_tcscat
#define _tcscmp		lstrcmpW
#define _tcsncmp	libntsection_tcsncmp
#define _tcschr		libntsection_tcschr
#define _ttoi		libntsection_ttoi
#define _tstoi		libntsection_ttoi

#ifdef __cplusplus
}
#endif

#endif /* UNICODE */

#endif /* LIBNTSECTION_COMPAT_TCHAR_H */
