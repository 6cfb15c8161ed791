@echo off
rem Starts Encore on Windows: finds encore.jar beside this script and a Java 17 or newer, then runs
rem it with every argument and returns its exit code. The jar is %ENCORE_JAR%, else
rem ..\target\encore.jar (a built checkout), ..\lib\encore.jar or ..\share\encore\encore.jar (an
rem installed copy). Java is %JAVA_HOME%\bin\java.exe when JAVA_HOME is set, else java on PATH.
rem ENCORE_JAVA_OPTIONS holds options for the JVM itself (for example -Xmx512m).
setlocal EnableExtensions DisableDelayedExpansion
set "ENCORE_HOME=%~dp0.."

if defined ENCORE_JAR (
    if not exist "%ENCORE_JAR%" (
        echo encore: ENCORE_JAR is set to %ENCORE_JAR%, which is not a file. Point it at encore.jar, or unset it to use the jar beside this script. 1>&2
        exit /b 1
    )
    set "JAR=%ENCORE_JAR%"
) else if exist "%ENCORE_HOME%\target\encore.jar" (
    set "JAR=%ENCORE_HOME%\target\encore.jar"
) else if exist "%ENCORE_HOME%\lib\encore.jar" (
    set "JAR=%ENCORE_HOME%\lib\encore.jar"
) else if exist "%ENCORE_HOME%\share\encore\encore.jar" (
    set "JAR=%ENCORE_HOME%\share\encore\encore.jar"
) else (
    echo encore: encore.jar is not built yet ^(looked in %ENCORE_HOME%\target, \lib and \share\encore^). Build it in the Encore folder with: mvn -B -q -DskipTests package ^(or set ENCORE_JAR to the jar's path^). 1>&2
    exit /b 1
)

if defined JAVA_HOME (
    set "JAVA=%JAVA_HOME%\bin\java.exe"
) else (
    set "JAVA=java.exe"
)
if defined JAVA_HOME if not exist "%JAVA%" (
    echo encore: JAVA_HOME is set to %JAVA_HOME%, but %JAVA% is not there. Point JAVA_HOME at a Java 17 ^(or newer^) installation, or unset it to use the java on PATH. 1>&2
    exit /b 1
)
if not defined JAVA_HOME (
    where java.exe >nul 2>&1 || (
        echo encore: Java was not found: Encore needs Java 17 or newer. Install one ^(for example from https://adoptium.net^) or set JAVA_HOME to it. 1>&2
        exit /b 1
    )
)

rem The major version from the first line of java -version: "17.0.15" gives 17, "1.8.0_392" gives 1 then 8.
set "VERSION="
for /f "tokens=3" %%v in ('"%JAVA%" -version 2^>^&1 ^| findstr /i "version"') do if not defined VERSION set "VERSION=%%~v"
set "MAJOR="
for /f "tokens=1,2 delims=." %%a in ("%VERSION%") do (
    if "%%a"=="1" (set "MAJOR=%%b") else (set "MAJOR=%%a")
)
if not defined MAJOR (
    echo encore: cannot tell the version of %JAVA%; Encore needs Java 17 or newer. Set JAVA_HOME to a Java 17 installation. 1>&2
    exit /b 1
)
if %MAJOR% LSS 17 (
    echo encore: %JAVA% is Java %VERSION%; Encore needs Java 17 or newer. Install one and set JAVA_HOME to it. 1>&2
    exit /b 1
)

"%JAVA%" %ENCORE_JAVA_OPTIONS% -jar "%JAR%" %*
exit /b %ERRORLEVEL%
