using Mono.Cecil;
using Mono.Cecil.Cil;

namespace HelpCenter.UnitTests;

/// <summary>
/// Feature folders (namespaces <c>HelpCenter.X</c>) may use each other in one direction only, and none may use a
/// page. The graph is read from the compiled web app (every type, signature and method body), so a dependency
/// cannot hide in a <c>using</c>-less fully qualified name.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> Graph = new(ReadGraph);

    [Fact]
    public void FeatureFoldersHaveNoDependencyCycles()
    {
        var cycles = StronglyConnected(Graph.Value).Where(c => c.Count > 1).ToList();

        Assert.True(cycles.Count == 0, "Dependency cycles between feature folders:\n" + string.Join("\n", cycles.Select(Describe)));
    }

    [Fact]
    public void NoFeatureUsesAPage()
    {
        var offenders = Graph.Value
            .Where(node => node.Key != Pages && node.Value.ContainsKey(Pages))
            .Select(node => $"{node.Key} -> Pages ({node.Value[Pages]})")
            .ToList();

        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }

    [Fact]
    public void TheGraphSeesTheKnownDirections()
    {
        // Guards the reader itself: if it stopped seeing dependencies, the two tests above would pass vacuously.
        Assert.Contains("Infrastructure.Data", Graph.Value["Chat"].Keys);
        Assert.Contains("Chat", Graph.Value[Pages].Keys);
        Assert.Contains("Articles", Graph.Value["Search"].Keys);
    }

    private const string Pages = "Pages";

    private static string Describe(IReadOnlyList<string> cycle)
    {
        var graph = Graph.Value;
        var edges = from source in cycle
                    from target in cycle
                    where graph[source].ContainsKey(target)
                    select $"  {source} -> {target} ({graph[source][target]})";
        return $"[{string.Join(", ", cycle)}]\n{string.Join("\n", edges)}";
    }

    /// <summary>Feature of a type: the namespace segment after <c>HelpCenter</c>; compiled views belong to Pages.</summary>
    private static string? FeatureOf(TypeDefinition type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }

        var ns = type.Namespace;
        if (ns == "AspNetCoreGeneratedDocument")
        {
            return Pages;
        }

        if (!ns.StartsWith("HelpCenter.", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = ns.Split('.');
        // The DbContext and its migrations name every entity by design: left out of the graph as a source.
        if (parts is [_, "Infrastructure", "Data", ..])
        {
            return "Infrastructure.Data";
        }

        return parts[1];
    }

    private static Dictionary<string, IReadOnlyDictionary<string, string>> ReadGraph()
    {
        var path = typeof(HelpCenter.Infrastructure.SiteRoot).Assembly.Location;
        using var module = ModuleDefinition.ReadModule(path);
        var edges = new Dictionary<string, Dictionary<string, string>>();
        foreach (var type in module.GetTypes())
        {
            var from = FeatureOf(type);
            if (from is null or "Infrastructure.Data")
            {
                continue;
            }

            var targets = edges.TryGetValue(from, out var existing) ? existing : edges[from] = [];
            foreach (var reference in ReferencedTypes(type))
            {
                if (reference.Resolve() is not { } target || target.Module != module || FeatureOf(target) is not { } to || to == from)
                {
                    continue;
                }

                targets.TryAdd(to, $"{type.FullName} uses {target.FullName}");
            }
        }

        return edges.ToDictionary(e => e.Key, e => (IReadOnlyDictionary<string, string>)e.Value);
    }

    private static IEnumerable<TypeReference> ReferencedTypes(TypeDefinition type)
    {
        if (type.BaseType is { } baseType)
        {
            yield return baseType;
        }

        foreach (var i in type.Interfaces)
        {
            yield return i.InterfaceType;
        }

        foreach (var a in type.CustomAttributes)
        {
            yield return a.AttributeType;
        }

        foreach (var field in type.Fields)
        {
            yield return field.FieldType;
        }

        foreach (var property in type.Properties)
        {
            yield return property.PropertyType;
        }

        foreach (var method in type.Methods)
        {
            yield return method.ReturnType;
            foreach (var parameter in method.Parameters)
            {
                yield return parameter.ParameterType;
            }

            if (!method.HasBody)
            {
                continue;
            }

            foreach (var variable in method.Body.Variables)
            {
                yield return variable.VariableType;
            }

            foreach (var instruction in method.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference t:
                        yield return t;
                        break;
                    case MethodReference m:
                        yield return m.DeclaringType;
                        yield return m.ReturnType;
                        break;
                    case FieldReference f:
                        yield return f.DeclaringType;
                        break;
                }
            }
        }
    }

    /// <summary>Tarjan's algorithm: each strongly connected component of two or more nodes is a cycle.</summary>
    private static List<IReadOnlyList<string>> StronglyConnected(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> graph)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var result = new List<IReadOnlyList<string>>();

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in graph.TryGetValue(node, out var targets) ? targets.Keys : [])
            {
                if (!index.TryGetValue(next, out var nextIndex))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[node] = Math.Min(low[node], nextIndex);
                }
            }

            if (low[node] == index[node])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != node);
                result.Add(component);
            }
        }

        foreach (var node in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(node))
            {
                Visit(node);
            }
        }

        return result;
    }
}
