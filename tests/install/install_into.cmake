# cmake -DBUILD_DIR=... -DPREFIX=... -P install_into.cmake: a fresh `cmake --install` into PREFIX.
file(REMOVE_RECURSE ${PREFIX})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${PREFIX} COMMAND_ERROR_IS_FATAL ANY)
