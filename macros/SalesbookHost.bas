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

' A value for Range.Value that lands as it is. Excel takes a string that begins with
' = + - @ for a formula (a rep's note "=HYPERLINK(...)" would come alive, "-Zhang" would be
' #NAME?); its text prefix ' keeps it text. LibreOffice stores a string as text already,
' and would keep the ' as a character.
Public Function HostCellValue(ByVal v As Variant) As Variant
    HostCellValue = v
    If VarType(v) <> vbString Then Exit Function
    If Len(v) = 0 Then Exit Function
    If InStr("=+-@", Left$(v, 1)) = 0 Then Exit Function
    If HostIsLibreOffice() Then Exit Function
    HostCellValue = "'" & v
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

Public Sub HostStatus(ByVal statusText As String)
    ' LibreOffice: headless, a status bar text makes a later store() crash soffice 7.4
    If HostIsLibreOffice() Then Exit Sub
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
    If HostFileExists(folderPath) Then Exit Sub
    If Application.PathSeparator = "\" And Not HostIsLibreOffice() Then
        CreateObject("Scripting.FileSystemObject").CreateFolder folderPath
    Else
        MkDir folderPath
    End If
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

' A small UTF-8 text file's content.
Public Function HostReadText(ByVal filePath As String) As String
    Dim f As Integer, oneLine As String, buf As String, st As Object
    If Application.PathSeparator = "\" And Not HostIsLibreOffice() Then
        Set st = CreateObject("ADODB.Stream")
        st.Type = 2
        st.Charset = "utf-8"
        st.Open
        st.LoadFromFile filePath
        HostReadText = st.ReadText
        st.Close
        Exit Function
    End If
    f = FreeFile
    Open filePath For Input As #f
    Do While Not EOF(f)
        Line Input #f, oneLine
        buf = buf & oneLine & vbLf
    Loop
    Close #f
    HostReadText = buf
End Function

' Run argv (program, then arguments) hidden, its output to logPath; wait at most
' timeoutSec; return its exit code.
Public Function HostRunAndWait(ByVal jobDir As String, ByVal token As String, _
                               ByVal argv As Variant, ByVal logPath As String, _
                               ByVal timeoutSec As Long) As Long
    Dim i As Long, cmd As String, script As String, rcFile As String, f As Integer
    Dim deadline As Date
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
            Application.Wait Now + 0.05 / 86400#
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
    HostRunAndWait = CLng(Val(FirstLine(rcFile)))
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

' ---- another workbook, opened hidden and read-only ----

Public Function HostOpenHidden(ByVal filePath As String) As Object
    If HostIsLibreOffice() Then
        Set HostOpenHidden = StarDesktop.loadComponentFromURL(FileUrl(filePath), "_blank", 0, LoHiddenArgs())
        If HostOpenHidden Is Nothing Then Err.Raise SB_ERR + 12, , Replace(Txt("cannot_open"), "{path}", filePath)
        Exit Function
    End If
    Application.ScreenUpdating = False
    Set HostOpenHidden = Workbooks.Open(Filename:=filePath, UpdateLinks:=0, ReadOnly:=True, AddToMru:=False)
    ThisWorkbook.Activate
    Application.ScreenUpdating = True
End Function

' Values of sheetName!A1 and nRows x nCols cells from there, as a 1-based 2-D array
' (empty cells Empty).
Public Function HostRangeValues(ByVal book As Object, ByVal sheetName As String, _
                                ByVal nRows As Long, ByVal nCols As Long) As Variant
    Dim v As Variant, r As Long, c As Long
    ReDim v(1 To nRows, 1 To nCols)
    If HostIsLibreOffice() Then
        Dim data, x
        data = book.getSheets().getByName(sheetName).getCellRangeByPosition(0, 0, nCols - 1, nRows - 1).getDataArray()
        For r = 1 To nRows
            For c = 1 To nCols
                x = data(r - 1)(c - 1)
                If VarType(x) = vbString Then
                    If Len(x) > 0 Then v(r, c) = x
                Else
                    v(r, c) = x
                End If
            Next
        Next
        HostRangeValues = v
        Exit Function
    End If
    Dim got As Variant
    got = book.Worksheets(sheetName).Range("A1").Resize(nRows, nCols).Value
    If IsArray(got) Then
        HostRangeValues = got
    Else
        v(1, 1) = got   ' a single cell comes back as a scalar
        HostRangeValues = v
    End If
End Function

Public Sub HostCloseHidden(ByVal book As Object)
    If HostIsLibreOffice() Then
        book.close True
        Exit Sub
    End If
    book.Close SaveChanges:=False
    ThisWorkbook.Activate
End Sub

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

Private Function LoHiddenArgs()
    ' {Hidden=True} without CreateUnoStruct: a copy of a PropertyValue from this
    ' document's own media descriptor, renamed.
    Dim a, p, props(0)
    a = ThisComponent.getArgs()
    p = a(LBound(a))
    p.Name = "Hidden"
    p.Value = True
    props(0) = p
    LoHiddenArgs = props
End Function

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

Private Function FirstLine(ByVal filePath As String) As String
    Dim f As Integer, s As String
    f = FreeFile
    Open filePath For Input As #f
    Line Input #f, s   ' not "Line Input #f, FirstLine": LibreOffice error 382
    Close #f
    FirstLine = s
End Function
