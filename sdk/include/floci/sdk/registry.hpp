#pragma once
// How plugins find each other without linking: a provider registers an interface pointer under
// "name/major" (e.g. "s3.object_store/1") in its create(); consumers find() it in start() or
// later. Lookup is by string, not typeid: with hidden visibility, type identity across dlopen
// is not reliable. The host clears every entry before it destroys any plugin.
#include <boost/config.hpp>
#include <string_view>

namespace floci::sdk {

class BOOST_SYMBOL_VISIBLE Registry {
  public:
    virtual void provide(std::string_view name, void* interface) = 0;
    virtual void* find_raw(std::string_view name) const = 0;

    // The caller names the interface type that the provider documented for `name`.
    template <class Interface>
    Interface* find(std::string_view name) const {
        return static_cast<Interface*>(find_raw(name));
    }

  protected:
    ~Registry() = default;
};

}  // namespace floci::sdk
