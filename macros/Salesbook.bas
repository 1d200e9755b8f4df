Attribute VB_Name = "Salesbook"
' salesbook buttons: each one saves this workbook, runs its job through Python
' (`salesbook excel run JOB WORKBOOK --result FILE`, the same code as the command
' line), waits with a message in the status bar, then copies the values the job
' sent back into this workbook (left unsaved, like any edit) or opens the new
' workbook it wrote.
'
' This module is the same on every host. What differs between Excel for Windows,
' Excel for Mac and LibreOffice lives in the module SalesbookHost (its names start
' with "Host").
'
' Which Python runs the job, first found wins:
'   1. the environment variable SALESBOOK_PYTHON;
'   2. the sheet "xlwings.conf": Interpreter_Win (Windows) or Interpreter_Mac (others);
'   3. a file salesbook.conf beside this workbook with a line "python = <path>";
'   4. otherwise the command `salesbook` on the PATH.
' With a Python given, the job runs as `<python> -m addin.cli excel run ...`.
'
' The source stays ASCII (it is stored in code page 1252): every text a user reads
' comes from the hidden sheet "_salesbook_texts" (written in the template's
' language) or from the job's own result.
'
' Rules for code that must compile in Excel and in LibreOffice 7.4:
'  - no constant expression that fails (LibreOffice: a compile error anywhere
'    silently disables every macro of the project);
'  - no Timer (a Date with 1 s resolution in LibreOffice), no TimeSerial over 59 s,
'    no vbObjectError (undefined in LibreOffice: see SB_ERR);
'  - ThisWorkbook.FullName is only the name in LibreOffice: use HostWorkbookPath;
'  - no ReDim in a one-line If (LibreOffice runs it whatever the condition);
'  - a loop over many values stays in one procedure, with literals, not named constants
'    (LibreOffice spends ~0.1 ms on each call and on each use of vbString and the like).
Option Explicit

Private Const CONF_SHEET As String = "xlwings.conf"
Private Const TEXT_SHEET As String = "_salesbook_texts"
Private Const TIMEOUT_SEC As Long = 900

' ---- the buttons -------------------------------------------------------------

Public Sub RollUpMyWeek()
    Report RunJob("week")
End Sub

Public Sub PlanTheWeek()
    Report RunJob("plan")
End Sub

Public Sub TeamWeeklyReport()
    Report RunJob("team")
End Sub

Public Sub BreakDownTargets()
    Report RunJob("targets")
End Sub

Public Sub MonthlyControl()
    Report RunJob("month")
End Sub

' Canary for tests and for "does it work": "pong <host>" proves the project compiled.
Public Function Ping() As String
    Ping = "pong " & HostName()
End Function

' ---- one job -------------------------------------------------------------------

' Runs one job; returns "OK|<message>" or "ERROR|<message>" (callable over UNO).
Public Function RunJob(ByVal job As String) As String
    Dim sep As String, jobDir As String, token As String
    Dim resultPath As String, logPath As String, rc As Long
    Dim lines As Variant, fields As Variant, i As Long, ok As Boolean, message As String
    Dim openPath As String
    On Error GoTo Failed
    sep = Application.PathSeparator

    ' 1. save (when changed), so the job reads what is on screen
    If HostIsModified() Then
        If HostHasStatusBar() Then HostStatus Txt("saving")
        HostSaveWorkbook
    End If

    ' 2. run the job and wait
    jobDir = HostTempFolder() & sep & "salesbook-excel"
    HostEnsureFolder jobDir
    token = NewToken()
    resultPath = jobDir & sep & token & ".txt"
    logPath = jobDir & sep & token & ".log"
    If HostHasStatusBar() Then HostStatus Replace(Txt("running"), "{job}", Txt("button." & job))
    rc = HostRunAndWait(jobDir, token, JobCommand(job, resultPath), logPath, TIMEOUT_SEC)
    If Not HostFileExists(resultPath) Then
        If rc = 0 Then
            message = Txt("no_result")
        Else
            message = Txt("not_installed")
        End If
        message = Replace(Replace(message, "{rc}", CStr(rc)), "{log}", logPath)
        Err.Raise SB_ERR + 1, , message
    End If

    ' 3. read what the job answered (see "the job's result file" below); copy its values in
    lines = HostReadLines(resultPath)
    If Not IsCompleteResult(lines) Then
        Err.Raise SB_ERR + 12, , Replace(Txt("cannot_open"), "{path}", resultPath)
    End If
    i = LBound(lines) + 1
    Do While lines(i) <> "end"
        fields = Split(lines(i), vbTab)
        Select Case fields(0)
        Case "ok"
            ok = (fields(1) = "1")
        Case "message"
            message = Unescape(fields(1))
        Case "open"
            openPath = Unescape(fields(1))
        Case "copy"
            If ok Then
                CopyBlock lines, i + 1, Unescape(fields(1)), Unescape(fields(2)), _
                          CLng(fields(3)), CLng(fields(4)), CLng(fields(5)), CLng(fields(6))
            End If
            i = i + 1 + CLng(fields(3))
        End Select
        i = i + 1
    Loop
    HostDeleteFile resultPath
    If ok Then HostDeleteFile logPath

    ' 4. open the new workbook (copied values stay unsaved, like any edit: saving a
    '    big workbook costs more than the job itself)
    If ok And Len(openPath) > 0 Then HostOpenWorkbook openPath
    HostStatus ""
    If ok Then
        RunJob = "OK|" & message
    Else
        RunJob = "ERROR|" & message
    End If
    Exit Function
Failed:
    message = Err.Description
    On Error Resume Next
    HostStatus ""
    RunJob = "ERROR|" & message
End Function

' The message box at the end of a button (skipped when SALESBOOK_QUIET=1).
Private Sub Report(ByVal status As String)
    If Environ("SALESBOOK_QUIET") = "1" Then Exit Sub
    HostShowMessage Mid$(status, InStr(status, "|") + 1), Left$(status, 2) = "OK"
End Sub

' The job's command line as an array: program first, then its arguments.
Public Function JobCommand(ByVal job As String, ByVal resultPath As String) As Variant
    Dim python As String
    python = ConfiguredPython()
    If Len(python) > 0 Then
        JobCommand = Array(python, "-m", "addin.cli", "excel", "run", job, _
                           HostWorkbookPath(), "--result", resultPath)
    Else
        JobCommand = Array("salesbook", "excel", "run", job, _
                           HostWorkbookPath(), "--result", resultPath)
    End If
End Function

Public Function ConfiguredPython() As String
    Dim found As String
    found = Environ("SALESBOOK_PYTHON")
    If Len(found) = 0 Then
        If Application.PathSeparator = "\" Then
            found = ConfValue("Interpreter_Win")
        Else
            found = ConfValue("Interpreter_Mac")
        End If
    End If
    If Len(found) = 0 Then found = FileSetting(ThisWorkbook.Path & Application.PathSeparator _
                                               & "salesbook.conf", "python")
    ConfiguredPython = Trim$(found)
End Function

' ---- the job's result file -----------------------------------------------------
' ASCII lines of tab-separated fields (addin/io/excel_result.py writes them):
'   salesbook-result <TAB> 2
'   ok <TAB> 1 or 0 / message <TAB> text / open <TAB> workbook to open (or empty)
'   copy <TAB> target sheet <TAB> cell <TAB> rows <TAB> cols <TAB> header rows <TAB> clear
'     then a line of number formats, then `rows` lines of values
'   end
' Text is escaped: \uXXXX (upper-case hex) is one UTF-16 code unit, and no other
' backslash occurs. A value's first character says its type: s text, n number (read
' with Val, the same in every locale), d date (serial day), b1/b0 true/false; an empty
' field is an empty cell. clear: 0 nothing, 1 the block's columns downwards, 2 the sheet.

Public Function IsCompleteResult(ByRef lines As Variant) As Boolean
    Dim last As Long
    If lines(LBound(lines)) <> "salesbook-result" & vbTab & "2" Then Exit Function
    last = UBound(lines)
    Do While last > LBound(lines) And Len(lines(last)) = 0
        last = last - 1
    Loop
    IsCompleteResult = (lines(last) = "end")
End Function

Public Function Unescape(ByVal s As String) As String
    Dim parts As Variant, i As Long, code As Long
    If InStr(s, "\") = 0 Then
        Unescape = s
        Exit Function
    End If
    parts = Split(s, "\u")
    For i = 1 To UBound(parts)
        code = Val("&H" & Left$(parts(i), 4))   ' Val reads 4 hex digits as an Integer
        If code < 0 Then code = code + 65536
        parts(i) = ChrW(code) & Mid$(parts(i), 5)
    Next
    Unescape = Join(parts, "")
End Function

' The values of a block's nRows lines from lines(first), as an array for Range.Value.
' TEXT AS TYPED: Excel and LibreOffice both read a string put into Range.Value as if it
' were typed: "=HYPERLINK(...)" in a rep's note would become a live formula, "-Zhang"
' #NAME?, a customer code "00123" the number 123. A leading apostrophe (the text prefix,
' which neither keeps in the value) makes every text land as it was written.
' One procedure with no calls per field: LibreOffice Basic spends ~0.1 ms on each call
' (and on each use of a named constant such as vbString), which would be most of a
' button's copying time.
Private Function BlockValues(ByRef lines As Variant, ByVal first As Long, _
                             ByVal nRows As Long, ByVal nCols As Long) As Variant
    Dim data() As Variant, fields As Variant, parts As Variant
    Dim f As String, tag As String, r As Long, c As Long, k As Long, code As Long
    ReDim data(1 To nRows, 1 To nCols)
    For r = 1 To nRows
        fields = Split(lines(first + r - 1), vbTab)
        For c = 1 To nCols
            If c - 1 > UBound(fields) Then Exit For
            f = fields(c - 1)
            If Len(f) > 0 Then
                tag = Left$(f, 1)
                f = Mid$(f, 2)
                If tag = "s" Then
                    If InStr(f, "\") > 0 Then   ' Unescape, inline
                        parts = Split(f, "\u")
                        For k = 1 To UBound(parts)
                            code = Val("&H" & Left$(parts(k), 4))
                            If code < 0 Then code = code + 65536
                            parts(k) = ChrW(code) & Mid$(parts(k), 5)
                        Next
                        f = Join(parts, "")
                    End If
                    data(r, c) = "'" & f   ' see TEXT AS TYPED above
                ElseIf tag = "n" Then
                    data(r, c) = Val(f)
                ElseIf tag = "d" Then
                    data(r, c) = CDate(Val(f))
                ElseIf tag = "b" Then
                    data(r, c) = (f = "1")
                End If
            End If
        Next
    Next
    BlockValues = data
End Function

' The block whose number formats are lines(first) and values the nRows lines after it.
Private Sub CopyBlock(ByRef lines As Variant, ByVal first As Long, ByVal target As String, _
                      ByVal cell As String, ByVal nRows As Long, ByVal nCols As Long, _
                      ByVal header As Long, ByVal clearMode As Long)
    Dim ws As Object, top As Object, formats As Variant, data As Variant
    Dim c As Long, lastRow As Long, fmt As String, wasProtected As Boolean
    data = BlockValues(lines, first + 1, nRows, nCols)
    formats = Split(lines(first), vbTab)
    Set ws = TargetSheet(target)
    wasProtected = HostUnprotect(ws)
    Set top = ws.Range(cell)
    If clearMode = 2 Then ws.UsedRange.ClearContents
    If clearMode = 1 Then
        lastRow = ws.UsedRange.Row + ws.UsedRange.Rows.Count - 1
        If lastRow >= top.Row Then
            ws.Range(top, ws.Cells(lastRow, top.Column + nCols - 1)).ClearContents
        End If
    End If
    top.Resize(nRows, nCols).Value = data
    If nRows > header Then
        For c = 1 To nCols
            fmt = ""
            If c - 1 <= UBound(formats) Then fmt = Unescape(formats(c - 1))
            If Len(fmt) > 0 Then top.Offset(header, c - 1).Resize(nRows - header, 1).NumberFormat = fmt
        Next
    End If
    If wasProtected Then HostProtect ws
End Sub

' The sheet of this workbook called sheetName; added at the end when it is missing.
Private Function TargetSheet(ByVal sheetName As String) As Object
    Dim ws As Object
    Set ws = SheetNamed(sheetName)
    If ws Is Nothing Then
        Set ws = ThisWorkbook.Worksheets.Add(After:=ThisWorkbook.Worksheets(ThisWorkbook.Worksheets.Count))
        ws.Name = sheetName
    End If
    Set TargetSheet = ws
End Function

' The sheet of this workbook called sheetName, or Nothing (looked up by name: going
' through the sheets one by one costs 10 ms a sheet in LibreOffice).
Private Function SheetNamed(ByVal sheetName As String) As Object
    On Error Resume Next
    Set SheetNamed = ThisWorkbook.Worksheets(sheetName)
End Function

' ---- settings and texts ------------------------------------------------------------

' A text of the hidden sheet "_salesbook_texts" (column A key, column B text).
Public Function Txt(ByVal key As String) As String
    Txt = SheetValue(TEXT_SHEET, key)
    If Len(Txt) = 0 Then Txt = key
End Function

Private Function ConfValue(ByVal key As String) As String
    ConfValue = SheetValue(CONF_SHEET, key)
End Function

Private Function SheetValue(ByVal sheetName As String, ByVal key As String) As String
    Dim ws As Object, grid As Variant, r As Long
    Set ws = SheetNamed(sheetName)
    If ws Is Nothing Then Exit Function
    grid = ws.Range("A1:B60").Value   ' one read: a cell at a time is slow in LibreOffice
    For r = 1 To 60
        If CStr(grid(r, 1)) = key Then
            SheetValue = CStr(grid(r, 2))
            Exit Function
        End If
    Next
End Function

' "key = value" from a small text file (salesbook.conf); "" when absent.
Private Function FileSetting(ByVal filePath As String, ByVal key As String) As String
    Dim lines As Variant, i As Long, p As Long
    If Not HostFileExists(filePath) Then Exit Function
    lines = HostReadLines(filePath)
    For i = LBound(lines) To UBound(lines)
        p = InStr(lines(i), "=")
        If p > 0 Then
            If LCase$(Trim$(Left$(lines(i), p - 1))) = key Then
                FileSetting = Trim$(Mid$(lines(i), p + 1))
                Exit Function
            End If
        End If
    Next
End Function

Private Function NewToken() As String
    Randomize
    NewToken = "job-" & CStr(CLng(Int(Now))) & "-" & CStr(CLng((Now - Int(Now)) * 86400)) _
               & "-" & CStr(CLng(Int(Rnd() * 1000000)))
End Function
