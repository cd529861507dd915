# CPack runs this after installing into its staging directory and before building the package, to
# do there what Debian's tools (dh_strip, dh_compress) would: strip the binary of its symbols and
# of the .comment and .note sections, and compress the manual page and the changelog with
# gzip -9n (no name, no time stamp, so that the package is reproducible).
set(staging ${CPACK_TEMPORARY_INSTALL_DIRECTORY}${CPACK_PACKAGING_INSTALL_PREFIX})

function(run_or_fail)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE result)
  if(NOT result EQUAL 0)
    string(REPLACE ";" " " shown "${ARGN}")
    message(FATAL_ERROR "failed: ${shown}")
  endif()
endfunction()

run_or_fail(${CPACK_OPTVIZ_STRIP} --remove-section=.comment --remove-section=.note
            ${staging}/${CPACK_OPTVIZ_BINDIR}/optviz)
run_or_fail(gzip -9nf ${staging}/${CPACK_OPTVIZ_MANDIR}/man1/optviz.1)
run_or_fail(gzip -9nf ${staging}/${CPACK_OPTVIZ_DOCDIR}/changelog)
