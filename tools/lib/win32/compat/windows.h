/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * windows.h - libntsection's stand-in for Windows' <windows.h>, for
 * programs built with `pkg-config --cflags ntsection-win32` (which puts
 * this directory first on the include path): it is winsection.h, the
 * Win32 layer, plus the calling-convention and annotation macros Windows
 * code spells out.  What it does not provide (the GUI, conio.h, ...) still
 * needs edits: see winsection(3).
 */
#ifndef LIBNTSECTION_COMPAT_WINDOWS_H
#define LIBNTSECTION_COMPAT_WINDOWS_H

#include <winsection.h>

#ifndef __cdecl
#define __cdecl
#endif
#ifndef __stdcall
#define __stdcall
#endif
#ifndef WINAPIV
#define WINAPIV
#endif
#ifndef APIENTRY
#define APIENTRY	WINAPI
#endif
#ifndef CALLBACK
#define CALLBACK
#endif
#ifndef _In_
#define _In_
#define _In_opt_
#define _Out_
#define _Out_opt_
#define _Inout_
#define _Inout_opt_
#endif

#endif /* LIBNTSECTION_COMPAT_WINDOWS_H */
