Attribute VB_Name = "SalesbookHost"
' ======================= HOST SECTION =======================
' The only code that differs between Excel for Windows, Excel for Mac and
' LibreOffice (the headless tests on Linux). The module Salesbook is the same
' everywhere and calls only the Host* procedures below.
'
' No "Option Explicit" here, on purpose: ThisComponent and StarDesktop are
' LibreOffice Basic globals. Excel sees them as undeclared, Empty Variants, which
' compile and are only touched after HostIsLibreOffice() said True. No
' LibreOffice-only *function* (ConvertToURL, CreateUnoStruct, the 4-argument Shell,
' Wait) appears anywhere: Excel would refuse to compile the project.
'
' The LibreOffice branch always comes first and leaves the procedure: LibreOffice
' 7.4 ignores #If/#Else/#End If and runs every branch, so code under #If is only
' ever reached in Excel.

' vbObjectError + 512 (vbObjectError is not defined in LibreOffice 7.4)
Public Const SB_ERR As Long = -2147220992

Public Function HostIsLibreOffice() As Boolean
    ' LibreOffice: ThisComponent is the document. Excel: an Empty Variant.
    HostIsLibreOffice = Not IsEmpty(ThisComponent)
End Function

Public Function HostName() As String
    If HostIsLibreOffice() Then
        HostName = "LibreOffice"
        Exit Function
    End If
#If Mac Then
    HostName = "Excel/Mac"
#Else
    HostName = "Excel/Windows"
#End If
End Function

' Full path of this workbook (LibreOffice's ThisWorkbook.FullName is the bare name).
Public Function HostWorkbookPath() As String
    HostWorkbookPath = ThisWorkbook.Path & Application.PathSeparator & ThisWorkbook.Name
End Function

Public Function HostIsModified() As Boolean
    If HostIsLibreOffice() Then
        HostIsModified = ThisComponent.isModified()
    Else
        HostIsModified = Not ThisWorkbook.Saved
    End If
End Function

Public Sub HostSaveWorkbook()
    If HostIsLibreOffice() Then
        ThisComponent.store   ' ThisWorkbook.Save saves nothing in headless LibreOffice 7.4
    Else
        ThisWorkbook.Save
    End If
End Sub

' Whether a status text shows: not in LibreOffice, where (headless) a status bar text
' makes a later store() crash soffice 7.4. The macro then skips looking the text up.
Public Function HostHasStatusBar() As Boolean
    HostHasStatusBar = Not HostIsLibreOffice()
End Function

Public Sub HostStatus(ByVal statusText As String)
    If Not HostHasStatusBar() Then Exit Sub
    On Error Resume Next
    If Len(statusText) = 0 Then
        Application.StatusBar = False
    Else
        Application.StatusBar = statusText
    End If
End Sub

Public Sub HostShowMessage(ByVal messageText As String, ByVal ok As Boolean)
    If ok Then
        MsgBox messageText, vbInformation, "salesbook"
    Else
        MsgBox messageText, vbExclamation, "salesbook"
    End If
End Sub

' The folder for the job's files: the user's temporary folder.
Public Function HostTempFolder() As String
    If HostIsLibreOffice() Or Application.PathSeparator = "/" Then
        HostTempFolder = Environ("TMPDIR")
        If Len(HostTempFolder) = 0 Then HostTempFolder = "/tmp"
        If Right$(HostTempFolder, 1) = "/" Then HostTempFolder = Left$(HostTempFolder, Len(HostTempFolder) - 1)
        Exit Function
    End If
    HostTempFolder = CreateObject("Scripting.FileSystemObject").GetSpecialFolder(2).Path
End Function

Public Sub HostEnsureFolder(ByVal folderPath As String)
    If Application.PathSeparator = "\" And Not HostIsLibreOffice() Then
        If HostFileExists(folderPath) Then Exit Sub
        CreateObject("Scripting.FileSystemObject").CreateFolder folderPath
        Exit Sub
    End If
    On Error Resume Next   ' it exists (asking Dir first costs 20 ms in LibreOffice)
    MkDir folderPath
End Sub

' True for an existing file or folder. Windows: FileSystemObject (VBA's Dir is ANSI).
Public Function HostFileExists(ByVal filePath As String) As Boolean
    Dim fso As Object
    If Application.PathSeparator = "\" And Not HostIsLibreOffice() Then
        Set fso = CreateObject("Scripting.FileSystemObject")
        HostFileExists = fso.FileExists(filePath) Or fso.FolderExists(filePath)
    Else
        HostFileExists = Len(Dir(filePath, vbDirectory)) > 0
    End If
End Function

Public Sub HostDeleteFile(ByVal filePath As String)
    On Error Resume Next
    If Application.PathSeparator = "\" And Not HostIsLibreOffice() Then
        CreateObject("Scripting.FileSystemObject").DeleteFile filePath, True
    Else
        Kill filePath
    End If
End Sub

' The lines of a small text file (UTF-8 or ASCII), without their line ends, as an
' array from 0 (one "" for an empty file). Windows: ADODB.Stream, since VBA's Open
' reads paths and text in the ANSI code page. Elsewhere Line Input, which ends a line
' at CR or CRLF (LibreOffice also at LF); a bare LF left inside a line (a file written
' on macOS, read by Excel for Mac) splits it too.
Public Function HostReadLines(ByVal filePath As String) As Variant
    Dim f As Integer, oneLine As String, n As Long, k As Long, st As Object, content As String
    Dim kept() As String, pieces As Variant
    If Application.PathSeparator = "\" And Not HostIsLibreOffice() Then
        Set st = CreateObject("ADODB.Stream")
        st.Type = 2
        st.Charset = "utf-8"
        st.Open
        st.LoadFromFile filePath
        content = st.ReadText
        st.Close
        If Len(content) = 0 Then
            HostReadLines = Array("")
        Else
            HostReadLines = Split(Replace(content, vbCr, ""), vbLf)
        End If
        Exit Function
    End If
    ReDim kept(0 To 63)
    f = FreeFile
    Open filePath For Input As #f
    Do While Not EOF(f)
        Line Input #f, oneLine   ' into a plain variable: LibreOffice error 382 otherwise
        If InStr(oneLine, vbLf) = 0 Then
            pieces = Array(oneLine)
        Else
            pieces = Split(oneLine, vbLf)
        End If
        For k = LBound(pieces) To UBound(pieces)
            If n > UBound(kept) Then
                ReDim Preserve kept(0 To 2 * n - 1)   ' never in a one-line If: see Salesbook
            End If
            kept(n) = Replace(pieces(k), vbCr, "")
            n = n + 1
        Next
    Loop
    Close #f
    If n = 0 Then n = 1
    ReDim Preserve kept(0 To n - 1)
    HostReadLines = kept
End Function

' Run argv (program, then arguments) hidden, its output to logPath; wait at most
' timeoutSec; return its exit code.
Public Function HostRunAndWait(ByVal jobDir As String, ByVal token As String, _
                               ByVal argv As Variant, ByVal logPath As String, _
                               ByVal timeoutSec As Long) As Long
    Dim i As Long, cmd As String, script As String, rcFile As String, f As Integer
    Dim deadline As Date, rcLines As Variant
    If Application.PathSeparator = "\" And Not HostIsLibreOffice() Then
        HostRunAndWait = WindowsRun(argv, logPath)
        Exit Function
    End If

    ' POSIX (LibreOffice, Excel for Mac): a /bin/sh command line that records the exit
    ' code in <token>.rc, written atomically with mv.
    rcFile = jobDir & "/" & token & ".rc"
    cmd = "PATH=""$HOME/.local/bin:/opt/homebrew/bin:/usr/local/bin:$PATH""; export PATH; "
    For i = LBound(argv) To UBound(argv)
        cmd = cmd & ShQuote(CStr(argv(i))) & " "
    Next
    cmd = cmd & "> " & ShQuote(logPath) & " 2>&1; echo $? > " & ShQuote(rcFile & ".tmp") _
          & " && mv " & ShQuote(rcFile & ".tmp") & " " & ShQuote(rcFile)

    If HostIsLibreOffice() Then
        ' Shell returns at once here (its synchronous 4-argument form does not compile
        ' in Excel), and nested quotes in one Shell string fail: run a script, poll.
        script = jobDir & "/" & token & ".sh"
        f = FreeFile
        Open script For Output As #f
        Print #f, cmd
        Close #f
        Shell "/bin/sh """ & script & """", 0
        deadline = Now + timeoutSec / 86400#
        Do While Not HostFileExists(rcFile)
            If Now > deadline Then Err.Raise SB_ERR + 11, , Replace(Txt("timed_out"), "{seconds}", CStr(timeoutSec))
            Application.Wait Now + 0.02 / 86400#
        Loop
        HostDeleteFile script
    Else
#If Mac Then
        ' Excel for Mac: AppleScriptTask runs outside the sandbox and waits. It needs
        ' ~/Library/Application Scripts/com.microsoft.Excel/salesbook.scpt (written by
        ' `salesbook excel-setup`):
        '   on RunShell(command)
        '       do shell script command
        '   end RunShell
        AppleScriptTask "salesbook.scpt", "RunShell", cmd
#End If
    End If
    rcLines = HostReadLines(rcFile)
    HostRunAndWait = CLng(Val(rcLines(0)))
    HostDeleteFile rcFile
End Function

' Excel for Windows: cmd.exe runs the command with its output redirected; WScript's
' Run waits and returns the exit code. The line goes to CreateProcess as Unicode, so
' paths in any language work. Without a configured Python, `salesbook` on the PATH,
' else the py launcher.
Private Function WindowsRun(ByVal argv As Variant, ByVal logPath As String) As Long
    Dim sh As Object, i As Long, cmd As String, first As Long
    Set sh = CreateObject("WScript.Shell")
    first = LBound(argv)
    If argv(first) = "salesbook" Then
        If sh.Run("cmd.exe /c where salesbook", 0, True) <> 0 Then
            cmd = "py -3 -m addin.cli"
            first = first + 1
        End If
    End If
    For i = first To UBound(argv)
        cmd = cmd & " """ & argv(i) & """"
    Next
    WindowsRun = sh.Run("cmd.exe /s /c """ & Trim$(cmd) & " > """ & logPath & """ 2>&1""", 0, True)
End Function

' Open a workbook the job wrote, for the user.
Public Sub HostOpenWorkbook(ByVal filePath As String)
    If HostIsLibreOffice() Then
        ' a visible window kills a headless LibreOffice: only outside the tests
        If Environ("SALESBOOK_QUIET") = "1" Then Exit Sub
        StarDesktop.loadComponentFromURL FileUrl(filePath), "_blank", 0, Array()
        Exit Sub
    End If
    Workbooks.Open Filename:=filePath
End Sub

' ---- sheet protection (the templates protect their sheets, without a password) ----

Public Function HostUnprotect(ByVal ws As Object) As Boolean
    If ws.ProtectContents Then
        ws.Unprotect
        HostUnprotect = True
    End If
End Function

Public Sub HostProtect(ByVal ws As Object)
    If HostIsLibreOffice() Then
        ws.Protect
        Exit Sub
    End If
    ws.Protect DrawingObjects:=False, Contents:=True, Scenarios:=False, _
               AllowFormattingColumns:=True, AllowFormattingRows:=True, _
               AllowInsertingRows:=True, AllowSorting:=True, AllowFiltering:=True
End Sub

' ---- helpers (no host differences) ----

' file:///... URL of an absolute POSIX path, UTF-8 percent-encoded (no ConvertToURL,
' which Excel would not compile).
Private Function FileUrl(ByVal filePath As String) As String
    Dim i As Long, code As Long, ch As String, out As String
    For i = 1 To Len(filePath)
        ch = Mid$(filePath, i, 1)
        code = AscW(ch)
        If code < 0 Then code = code + 65536
        If (code >= 48 And code <= 57) Or (code >= 65 And code <= 90) Or _
           (code >= 97 And code <= 122) Or InStr("/-_.~", ch) > 0 Then
            out = out & ch
        ElseIf code < 128 Then
            out = out & Hex2(code)
        ElseIf code < 2048 Then
            out = out & Hex2(192 + code \ 64) & Hex2(128 + (code Mod 64))
        Else
            out = out & Hex2(224 + code \ 4096) & Hex2(128 + ((code \ 64) Mod 64)) & Hex2(128 + (code Mod 64))
        End If
    Next
    FileUrl = "file://" & out
End Function

Private Function Hex2(ByVal b As Long) As String
    Hex2 = "%" & Right$("0" & Hex$(b), 2)
End Function

Private Function ShQuote(ByVal s As String) As String
    ShQuote = "'" & Replace(s, "'", "'\''") & "'"
End Function
