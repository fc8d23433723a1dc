# `clang-format --dry-run -Werror` over every C++ source of the project (CTest test "format").
file(GLOB_RECURSE sources
    ${SOURCE_DIR}/host/*.cpp ${SOURCE_DIR}/host/*.hpp
    ${SOURCE_DIR}/sdk/*.hpp
    ${SOURCE_DIR}/plugins/*.cpp ${SOURCE_DIR}/plugins/*.hpp
    ${SOURCE_DIR}/tests/*.cpp ${SOURCE_DIR}/tests/*.hpp
    ${SOURCE_DIR}/bench/*.cpp)
execute_process(COMMAND ${CLANG_FORMAT} --dry-run -Werror ${sources} RESULT_VARIABLE result)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "Not formatted per .clang-format: run clang-format -i on the files above")
endif()
