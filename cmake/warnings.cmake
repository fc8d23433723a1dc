# Warnings for every target of ours; third-party headers come in as SYSTEM includes.
add_library(floci_warnings INTERFACE)
target_compile_options(floci_warnings INTERFACE -Wall -Wextra -Wno-unused-parameter)
