# Writes devdash(1) with the built program's own `devdash help --man` (the command table),
# then its gzip-compressed copy for the package:
#   cmake -DDEVDASH=path/to/devdash -DOUT=path/to/devdash.1 -P GenerateManPage.cmake
execute_process(COMMAND ${CMAKE_COMMAND} -E env QT_QPA_PLATFORM=offscreen ${DEVDASH} help --man
    OUTPUT_FILE ${OUT} RESULT_VARIABLE result ERROR_VARIABLE error)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "devdash help --man failed (${result}): ${error}")
endif()
# -n: no name or time stamp inside, so the package is the same from one build to the next.
execute_process(COMMAND gzip -9nc ${OUT} OUTPUT_FILE ${OUT}.gz RESULT_VARIABLE result)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "gzip ${OUT} failed (${result})")
endif()
