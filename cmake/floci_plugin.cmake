# floci_add_plugin(NAME source...) builds libfloci_<NAME>.so into <build>/plugins/, where the host
# looks by default (a `plugins` folder next to the executable), so the build tree runs as it is.
# --no-undefined turns a missing symbol into a link error instead of a load-time surprise.
function(floci_add_plugin name)
    set(target floci_${name})
    add_library(${target} MODULE ${ARGN})
    target_link_libraries(${target} PRIVATE floci::sdk floci_warnings)
    set_target_properties(${target} PROPERTIES
        PREFIX "lib"
        OUTPUT_NAME floci_${name}
        LIBRARY_OUTPUT_DIRECTORY ${FLOCI_PLUGIN_OUTPUT_DIR}
        CXX_VISIBILITY_PRESET hidden
        VISIBILITY_INLINES_HIDDEN ON)
    if(NOT FLOCI_SANITIZE)
        target_link_options(${target} PRIVATE -Wl,--no-undefined)
    endif()
endfunction()
