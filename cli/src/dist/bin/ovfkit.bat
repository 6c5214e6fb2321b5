@echo off
rem ovfkit: starts the ovfkit command-line tool of this installation (bin\ and lib\ side by side).
rem JAVA_HOME names the Java (17 or newer) to run, default: java on PATH; OVFKIT_JAVA_OPTS replaces
rem the default heap limit -Xmx256m. Exit codes: those of ovfkit (ovfkit --help).
setlocal
set "OVFKIT_HOME=%~dp0.."
set "OVFKIT_MAIN="
for %%f in ("%OVFKIT_HOME%\lib\ovfkit-cli-*.jar") do set "OVFKIT_MAIN=%%~ff"
if not defined OVFKIT_MAIN (
  echo ovfkit: %OVFKIT_HOME%\lib\ovfkit-cli-*.jar not found: the installation is incomplete 1>&2
  exit /b 127
)
if defined JAVA_HOME (set "OVFKIT_JAVA=%JAVA_HOME%\bin\java.exe") else (set "OVFKIT_JAVA=java")
if not defined OVFKIT_JAVA_OPTS set "OVFKIT_JAVA_OPTS=-Xmx256m"
"%OVFKIT_JAVA%" %OVFKIT_JAVA_OPTS% -jar "%OVFKIT_MAIN%" %*
exit /b %ERRORLEVEL%
