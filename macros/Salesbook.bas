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
'  - ThisWorkbook.FullName is only the name in LibreOffice: use HostWorkbookPath.
Option Explicit

Private Const CONF_SHEET As String = "xlwings.conf"
Private Const TEXT_SHEET As String = "_salesbook_texts"
Private Const STATUS_COLS As Long = 8
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
    Dim book As Object, status As Variant, ok As Boolean, message As String
    Dim openPath As String
    On Error GoTo Failed
    sep = Application.PathSeparator

    ' 1. save (when changed), so the job reads what is on screen
    If HostIsModified() Then
        HostStatus Txt("saving")
        HostSaveWorkbook
    End If

    ' 2. run the job and wait
    jobDir = HostTempFolder() & sep & "salesbook-excel"
    HostEnsureFolder jobDir
    token = NewToken()
    resultPath = jobDir & sep & token & ".xlsx"
    logPath = jobDir & sep & token & ".log"
    HostStatus Replace(Txt("running"), "{job}", Txt("button." & job))
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

    ' 3. read what the job answered; copy its values in
    Set book = HostOpenHidden(resultPath)
    status = HostRangeValues(book, "status", 1, STATUS_COLS)
    status = HostRangeValues(book, "status", CLng(status(1, 2)), STATUS_COLS)
    ok = (StatusValue(status, "ok") = "1")
    message = StatusValue(status, "message")
    openPath = StatusValue(status, "open")
    If ok Then CopyBlocks book, status
    HostCloseHidden book
    Set book = Nothing
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
    If Not book Is Nothing Then HostCloseHidden book
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

' ---- copying the job's values in ------------------------------------------------

' One status row per block: copy | block sheet | target sheet | target cell | rows |
' cols | header rows | clear (0 nothing, 1 the block's columns downwards, 2 the sheet).
Private Sub CopyBlocks(ByVal book As Object, ByVal status As Variant)
    Dim i As Long
    For i = LBound(status, 1) To UBound(status, 1)
        If CStr(status(i, 1)) = "copy" Then
            CopyBlock book, CStr(status(i, 2)), CStr(status(i, 3)), CStr(status(i, 4)), _
                      CLng(status(i, 5)), CLng(status(i, 6)), CLng(status(i, 7)), _
                      CLng(status(i, 8))
        End If
    Next
End Sub

Private Sub CopyBlock(ByVal book As Object, ByVal blockSheet As String, _
                      ByVal target As String, ByVal cell As String, ByVal nRows As Long, _
                      ByVal nCols As Long, ByVal header As Long, ByVal clearMode As Long)
    Dim ws As Object, top As Object, vals As Variant, data() As Variant
    Dim r As Long, c As Long, lastRow As Long, fmt As String, wasProtected As Boolean
    vals = HostRangeValues(book, blockSheet, nRows + 1, nCols)   ' row 1: number formats
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
    ReDim data(1 To nRows, 1 To nCols)
    For r = 1 To nRows
        For c = 1 To nCols
            data(r, c) = HostCellValue(vals(r + 1, c))   ' text stays text
        Next
    Next
    top.Resize(nRows, nCols).Value = data
    If nRows > header Then
        For c = 1 To nCols
            fmt = CStr(vals(1, c))
            If Len(fmt) > 0 Then top.Offset(header, c - 1).Resize(nRows - header, 1).NumberFormat = fmt
        Next
    End If
    If wasProtected Then HostProtect ws
End Sub

' The sheet of this workbook called sheetName; added at the end when it is missing.
Private Function TargetSheet(ByVal sheetName As String) As Object
    Dim i As Long, ws As Object
    For i = 1 To ThisWorkbook.Worksheets.Count
        If ThisWorkbook.Worksheets(i).Name = sheetName Then
            Set TargetSheet = ThisWorkbook.Worksheets(i)
            Exit Function
        End If
    Next
    Set ws = ThisWorkbook.Worksheets.Add(After:=ThisWorkbook.Worksheets(ThisWorkbook.Worksheets.Count))
    ws.Name = sheetName
    Set TargetSheet = ws
End Function

Private Function StatusValue(ByVal status As Variant, ByVal key As String) As String
    Dim i As Long
    For i = LBound(status, 1) To UBound(status, 1)
        If CStr(status(i, 1)) = key Then
            StatusValue = CStr(status(i, 2))
            Exit Function
        End If
    Next
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
    Dim ws As Object, r As Long, i As Long
    For i = 1 To ThisWorkbook.Worksheets.Count
        If ThisWorkbook.Worksheets(i).Name = sheetName Then Set ws = ThisWorkbook.Worksheets(i)
    Next
    If ws Is Nothing Then Exit Function
    For r = 1 To 60
        If CStr(ws.Cells(r, 1).Value) = key Then
            SheetValue = CStr(ws.Cells(r, 2).Value)
            Exit Function
        End If
    Next
End Function

' "key = value" from a small text file (salesbook.conf); "" when absent.
Private Function FileSetting(ByVal filePath As String, ByVal key As String) As String
    Dim content As String, lines As Variant, i As Long, p As Long
    If Not HostFileExists(filePath) Then Exit Function
    content = Replace(HostReadText(filePath), vbCr, "")
    lines = Split(content, vbLf)
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
