import CCairo
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Owns one FreeType library instance, made without any setting from the environment.
///
/// `FT_Init_FreeType` is `FT_New_Library`, `FT_Add_Default_Modules` and then
/// `FT_Set_Default_Properties`, which reads `FREETYPE_PROPERTIES` (the TrueType interpreter
/// version, stem darkening, …): a variable in a user's profile would change the glyphs. This
/// library is made with the first two calls alone, so every module keeps FreeType's built-in
/// defaults.
///
/// Each font file gets a library of its own: Cairo holds a face's lock whenever it uses the face,
/// so no two threads ever use one library at once.
final class FreeTypeLibrary {
    let pointer: FT_Library
    /// The allocator FreeType uses; it must outlive the library.
    private let memory: FT_Memory

    init() throws(ChartFontError) {
        memory = .allocate(capacity: 1)
        memory.initialize(to: FT_MemoryRec_(
            user: nil,
            alloc: { _, size in malloc(Int(size)) },
            free: { _, block in free(block) },
            realloc: { _, _, newSize, block in realloc(block, Int(newSize)) }))
        var library: FT_Library?
        let error = FT_New_Library(memory, &library)
        guard error == 0, let library else {
            memory.deinitialize(count: 1)
            memory.deallocate()
            throw .freeType(operation: "creating a FreeType library", code: error)
        }
        FT_Add_Default_Modules(library)
        pointer = library
    }

    /// Discards the library and every face opened with it.
    deinit {
        FT_Done_Library(pointer)
        memory.deinitialize(count: 1)
        memory.deallocate()
    }
}
