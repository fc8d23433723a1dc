# FLOCI_SANITIZE=address,undefined (the asan preset) instruments the host *and* the plugins:
# the flags go on every target through the global options so no .so is left out.
set(FLOCI_SANITIZE "" CACHE STRING "Comma-separated -fsanitize= list (e.g. address,undefined)")
if(FLOCI_SANITIZE)
    add_compile_options(-fsanitize=${FLOCI_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
    add_link_options(-fsanitize=${FLOCI_SANITIZE})
endif()
